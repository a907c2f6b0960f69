/**
 * `npm run bench`: the whole FLORES-200 run (204 languages, dev + devtest) for one tokenizer with
 * worker threads; prints wall time and peak resident memory. Target: < 60 s on 2 cores, < 1 GB.
 * Worker threads live in this process, so the process's maxRSS covers them all.
 * Then runs the encode benchmark (bench/tokenization-encode.ts, ours vs spm_encode) when it
 * exists: on the benchmarked spm model only, or with --encode-all on its full default set (which
 * trains a 256k model once into .tokgap-cache/, slow on 2 cores).
 *
 * Options: --tokenizer SPEC (default the golden unigram 8k model), --corpus SPEC, --langs LIST,
 * --workers N (default: cores). Needs the shared data (../shared or $TOKGAP_SHARED).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeTokenization } from '../src/stats/index.js';

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
console.log(`  wall ${wall.toFixed(1)} s (target < 60 s), CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (process incl. worker threads; wall above CPU/cores means other load on the machine)`);
console.log(`  peak RSS ${rssMb.toFixed(0)} MB for the process and its worker threads (target < 1024 MB)`);
console.log(`  throughput ${(bytes / 1e6 / wall).toFixed(2)} MB/s, ${(tokens / 1e3 / wall).toFixed(0)} k tokens/s`);

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
