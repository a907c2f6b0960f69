/**
 * Write a randomly initialised XGLM-564M-shaped model for benches, in three forms:
 *
 *   npm run bench:make-564m            # into xglm564mBenchDir() ($TOKGAP_CACHE/bench/xglm-564m-random)
 *
 * - `safetensors/`: config.json + one fp32 model.safetensors (2.27 GB)
 * - `sharded/`: the same values as fp32 shards of at most 500 MB + model.safetensors.index.json
 * - `bin-fp16/`: pytorch_model.bin in fp16, written by torch (bench/make_xglm_564m_bin.py) from
 *   the fp32 file, lm_head.weight tied to the embedding storage
 *
 * Weights are k·2^-13 for an integer |k| ≤ 512 (a sum of four random bytes: roughly N(0, 0.018)),
 * so every value is exact in fp16 and the three forms load to the same float32 tensors. Biases are
 * zero, LayerNorm weights one, the padding row zero (HF's init). Each tensor is generated when the
 * writer reaches it, from a seed of its own: the model is never held in memory as a whole.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { saveSafetensorsSharded, type LazyTensorToWrite } from '../src/tuning/safetensors/write.js';
import { parseXglmConfig } from '../src/tuning/xglm/config.js';
import { xglmParameterShapes } from '../src/tuning/xglm/model.js';
import { XGLM_564M_CONFIG, xglm564mBenchDir, xglm564mBenchForms } from './xglm-564m.js';

const SHARD_LIMIT = 500_000_000;

/** Deterministic values of one tensor (seeded by its index), exact in fp16. */
function generate(name: string, shape: number[], index: number, padRow: number): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(count);
  if (name.endsWith('layer_norm.weight')) return out.fill(1);
  if (name.endsWith('.bias')) return out;
  let s = (0x9e3779b9 * (index + 1)) >>> 0;
  const scale = 2 ** -13;
  for (let i = 0; i < count; i++) {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    z = (z ^ (z >>> 14)) >>> 0;
    const k = (z & 0xff) + ((z >>> 8) & 0xff) + ((z >>> 16) & 0xff) + (z >>> 24) - 510;
    out[i] = k * scale;
  }
  if (name === 'model.embed_tokens.weight') out.fill(0, padRow * shape[1]!, (padRow + 1) * shape[1]!);
  return out;
}

function lazyModel(): Map<string, LazyTensorToWrite> {
  const config = parseXglmConfig(XGLM_564M_CONFIG);
  const tensors = new Map<string, LazyTensorToWrite>();
  let i = 0;
  for (const [name, shape] of xglmParameterShapes(config)) {
    const index = i++;
    tensors.set(name, { shape, kind: 'float32', data: () => generate(name, shape, index, config.pad_token_id) });
  }
  return tensors;
}

function writeConfig(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'config.json'), `${JSON.stringify(XGLM_564M_CONFIG, null, 2)}\n`);
}

function main(): void {
  const forms = xglm564mBenchForms();
  const force = process.argv.includes('--force');
  const t0 = Date.now();
  const step = (label: string): void => console.log(`${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (force || !existsSync(join(forms.safetensors, 'model.safetensors'))) {
    writeConfig(forms.safetensors);
    saveSafetensorsSharded(forms.safetensors, lazyModel(), { maxShardSize: Number.POSITIVE_INFINITY });
    step(`wrote ${forms.safetensors}`);
  }
  if (force || !existsSync(join(forms.sharded, 'model.safetensors.index.json'))) {
    writeConfig(forms.sharded);
    const r = saveSafetensorsSharded(forms.sharded, lazyModel(), { maxShardSize: SHARD_LIMIT });
    step(`wrote ${forms.sharded} (${r.files.length} shards)`);
  }
  if (force || !existsSync(join(forms['bin-fp16'], 'pytorch_model.bin'))) {
    writeConfig(forms['bin-fp16']);
    rmSync(join(forms['bin-fp16'], 'pytorch_model.bin'), { force: true });
    const script = fileURLToPath(new URL('make_xglm_564m_bin.py', import.meta.url));
    const r = spawnSync('/usr/bin/python3', [script, join(forms.safetensors, 'model.safetensors'), join(forms['bin-fp16'], 'pytorch_model.bin')], {
      stdio: 'inherit',
      env: { ...process.env, LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu/openblas-openmp', OMP_NUM_THREADS: '2' },
    });
    if (r.status !== 0) throw new Error(`make_xglm_564m_bin.py failed (${r.status})`);
    step(`wrote ${forms['bin-fp16']}`);
  }
  for (const [form, dir] of Object.entries(forms)) {
    const files = readdirSync(dir).filter((f) => f !== 'config.json');
    const bytes = files.reduce((a, f) => a + statSync(join(dir, f)).size, 0);
    console.log(`${form}: ${dir}: ${files.length} file(s), ${(bytes / 1e9).toFixed(2)} GB`);
  }
  // This process's own peak (the torch child is not counted): one tensor at a time, never the model.
  console.log(`bench model ready in ${xglm564mBenchDir()} (peak RSS of the writer: ${(process.resourceUsage().maxRSS / 1e6).toFixed(2)} GB)`);
}

main();
