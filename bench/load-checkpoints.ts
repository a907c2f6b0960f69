/**
 * Load time and peak resident memory of the one model loader on each form of the XGLM-564M-shaped
 * bench model, and a check that all forms load to the same tensors:
 *
 *   npm run bench:make-564m      # once: writes the three forms (bench/make-xglm-564m.ts)
 *   npm run bench:checkpoints    # [-- --forms safetensors,sharded,bin-fp16]
 *
 * Each form loads in a fresh process (tfjs cpu backend) through `XglmModel.fromPretrained`, which
 * reports its wall time and peak RSS (`resourceUsage().maxRSS`, taken right after the load) and the
 * sha256 of every parameter's float32 bytes. Prints the ratio of peak RSS to the model's fp32 size
 * and the RSS of a process that only started tfjs, measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src/tuning/backend.js';
import { XglmModel } from '../src/tuning/xglm/model.js';
import { xglm564mBenchForms } from './xglm-564m.js';

type Form = keyof ReturnType<typeof xglm564mBenchForms>;
interface ChildResult {
  form: string;
  load_s: number;
  peak_rss_bytes: number;
  params: number;
  hashes: Record<string, string>;
}

async function child(form: Form | 'baseline'): Promise<void> {
  await initBackend('cpu');
  if (form === 'baseline') {
    console.log(JSON.stringify({ form, load_s: 0, peak_rss_bytes: process.resourceUsage().maxRSS * 1024, params: 0, hashes: {} }));
    return;
  }
  const dir = xglm564mBenchForms()[form];
  const t0 = performance.now();
  const model = XglmModel.fromPretrained(dir);
  const load_s = (performance.now() - t0) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  const hashes: Record<string, string> = {};
  for (const [name, v] of model.parameters) {
    const d = v.dataSync() as Float32Array;
    hashes[name] = createHash('sha256').update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex').slice(0, 16);
  }
  console.log(JSON.stringify({ form, load_s, peak_rss_bytes: peak, params: model.numParameters(), hashes } satisfies ChildResult));
}

function main(): void {
  const i = process.argv.indexOf('--forms');
  const forms = (i >= 0 ? process.argv[i + 1]!.split(',') : Object.keys(xglm564mBenchForms())) as Form[];
  const self = fileURLToPath(import.meta.url);
  const run = (form: string): ChildResult => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', form], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`${form} failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  };
  const baseline = run('baseline');
  console.log(`node + tfjs alone: peak RSS ${(baseline.peak_rss_bytes / 1e9).toFixed(2)} GB`);
  const results = forms.map((f) => {
    const r = run(f);
    const fp32 = r.params * 4;
    console.log(
      `${f.padEnd(12)} load ${r.load_s.toFixed(1).padStart(6)} s   peak RSS ${(r.peak_rss_bytes / 1e9).toFixed(2)} GB = ${(r.peak_rss_bytes / fp32).toFixed(2)}× the fp32 size (${(fp32 / 1e9).toFixed(2)} GB)`,
    );
    return r;
  });
  const [first, ...rest] = results;
  let same = true;
  for (const r of rest) {
    const differ = Object.keys(first!.hashes).filter((n) => first!.hashes[n] !== r.hashes[n]);
    if (differ.length || Object.keys(r.hashes).length !== Object.keys(first!.hashes).length) {
      same = false;
      console.log(`${r.form} differs from ${first!.form} in ${differ.length} tensors: ${differ.slice(0, 5).join(', ')}`);
    }
  }
  console.log(same ? `all ${results.length} forms load to identical tensors (${Object.keys(first!.hashes).length} sha256 hashes)` : 'FORMS DIFFER');
  if (!same) process.exitCode = 1;
}

const c = process.argv.indexOf('--child');
if (c >= 0) await child(process.argv[c + 1] as Form | 'baseline');
else main();
