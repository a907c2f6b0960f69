/**
 * `npm run bench`: the whole FLORES-200 run (204 languages, dev + devtest) for one tokenizer with
 * worker threads; prints wall time, CPU time and peak resident memory. Targets on 2 cores: ≤ 8 s
 * with the 8k unigram model, ≤ 10 s with o200k_base, each under 500 MB. Worker threads live in
 * this process, so the process's maxRSS covers them all.
 * Then, for an spm model, `analyze encode` against `spm_encode` as whole processes
 * (bench/encode-cli.ts; needs dist/, byte-identical ids checked) and the in-process encode
 * benchmark (bench/tokenization-encode.ts): on the benchmarked model only, or with --encode-all
 * on their full default sets (which train a 256k model once into .tokgap-cache/, slow on 2 cores).
 *
 * Options: --tokenizer SPEC (default the golden unigram 8k model), --corpus SPEC, --langs LIST,
 * --workers N (default: cores). Needs the shared data (../shared or $TOKGAP_SHARED).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeTokenization } from '../src/stats/index.js';
import { benchEncodeCli, formatCliBench, uptime } from './encode-cli.js';

const shared = resolve(process.env.TOKGAP_SHARED ?? new URL('../../shared', import.meta.url).pathname);
const { values } = parseArgs({
  options: {
    tokenizer: { type: 'string', default: `spm:${join(shared, 'fixtures/golden/udhr-unigram-8k.model')}` },
    corpus: { type: 'string', default: `flores:${join(shared, 'data/flores200')}` },
    langs: { type: 'string', default: 'all' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'encode-all': { type: 'boolean', default: false },
  },
});

console.log(`load before: ${uptime()}`);
const outDir = mkdtempSync(join(tmpdir(), 'tokgap-bench-'));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await analyzeTokenization({
  tokenizers: [values.tokenizer!],
  corpus: values.corpus!,
  langs: values.langs!,
  outDir,
  formats: ['csv', 'json'],
  workers: Number(values.workers),
  resume: false,
});
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const rssMb = process.resourceUsage().maxRSS / 1024;
rmSync(outDir, { recursive: true, force: true });

const tokens = result.rows.filter((r) => r.metric === 'tokens').reduce((s, r) => s + (r.value ?? 0), 0);
const bytes = result.rows.filter((r) => r.metric === 'bytes').reduce((s, r) => s + (r.value ?? 0), 0);
console.log(`analyze tokenization: ${result.languages.length} languages, ${(bytes / 1e6).toFixed(1)} MB, ${(tokens / 1e6).toFixed(2)} M tokens, ${result.workers} workers, ${values.tokenizer}`);
console.log(`  wall ${wall.toFixed(1)} s (target ≤ 8 s with the 8k model, ≤ 10 s with o200k_base), CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (process incl. worker threads; wall above CPU/cores means other load on the machine)`);
console.log(`  peak RSS ${rssMb.toFixed(0)} MB for the process and its worker threads (target < 500 MB)`);
console.log(`  throughput ${(bytes / 1e6 / wall).toFixed(2)} MB/s, ${(tokens / 1e3 / wall).toFixed(0)} k tokens/s`);
console.log(`load after: ${uptime()}`);

const spmModelPath = values.tokenizer!.startsWith('spm:') ? values.tokenizer!.slice(4) : undefined;
if (spmModelPath || values['encode-all']) {
  console.log('\nanalyze encode vs spm_encode, whole processes (bench/encode-cli.ts, median of 3 rounds, ids byte-identical):');
  if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) console.log('  (skipped: run `npm run build` first)');
  else for (const line of formatCliBench(benchEncodeCli(values['encode-all'] || !spmModelPath ? { repeat: 3 } : { repeat: 3, models: [spmModelPath] }))) console.log(`  ${line}`);
}

const encodeBench = new URL('./tokenization-encode.ts', import.meta.url);
if (existsSync(encodeBench)) {
  interface EncodeRow { model: string; oursLinesPerSec: number; spmLinesPerSec: number; ratio: number; identical: boolean }
  const mod = (await import(encodeBench.href)) as { benchEncode: (o: { models?: string[]; repeat?: number }) => EncodeRow[] };
  const spmModel = values.tokenizer!.startsWith('spm:') ? values.tokenizer!.slice(4) : undefined;
  const rows = mod.benchEncode(values['encode-all'] || !spmModel ? {} : { models: [spmModel] });
  console.log('\nencode (bench/tokenization-encode.ts, single thread, ours vs spm_encode):');
  for (const r of rows) {
    console.log(`  ${r.model}: ours ${r.oursLinesPerSec.toFixed(0)} lines/s, spm_encode ${r.spmLinesPerSec.toFixed(0)} lines/s, ratio ${r.ratio.toFixed(2)}x, identical ${r.identical}`);
  }
} else {
  console.log('\n(bench/tokenization-encode.ts not found: no encode ratio)');
}
