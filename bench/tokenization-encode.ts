/**
 * Single-threaded encode speed of our SentencePiece engine against the C++ `spm_encode`, on the
 * same text and in the same run. spm_encode's process start and model load are subtracted by
 * timing it on an empty input; our model load is not timed either.
 *
 *   node --import tsx bench/tokenization-encode.ts [--repeat 3] [--model extra.model ...]
 *
 * Text: FLORES-200 dev of the 30 XGLM languages, one sentence per line. Models: the two golden
 * 8k models and a 256k-piece unigram model trained once with spm_train into
 * .tokgap-cache/bench/ (see ensureBigModel).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SentencePieceModel } from '../src/tokenizers/sentencepiece/index.js';

const XGLM_FLORES = ('eng_Latn rus_Cyrl zho_Hans deu_Latn spa_Latn fra_Latn jpn_Jpan ita_Latn por_Latn ell_Grek ' +
  'kor_Hang fin_Latn ind_Latn tur_Latn arb_Arab vie_Latn tha_Thai bul_Cyrl cat_Latn hin_Deva est_Latn ben_Beng ' +
  'tam_Taml urd_Arab swh_Latn tel_Telu eus_Latn mya_Mymr hat_Latn quy_Latn').split(' ');

export interface EncodeBenchRow {
  model: string;
  pieces: number;
  lines: number;
  /** Our engine, ids only (what spm_encode --output_format=id computes). */
  oursLinesPerSec: number;
  /** Our engine, full Encoding (ids, pieces, kinds, offsets). */
  oursFullLinesPerSec: number;
  spmLinesPerSec: number;
  /** ours (ids) ÷ spm_encode; ≥ 1 means we are at least as fast. */
  ratio: number;
  /** Both produced the same ids on every line. */
  identical: boolean;
}

export interface EncodeBenchOptions {
  sharedDir?: string;
  cacheDir?: string;
  models?: string[];
  repeat?: number;
}

function timeSpm(model: string, input: string, repeat: number): { seconds: number; out: string } {
  let best = Infinity;
  let out = '';
  for (let r = 0; r < repeat; r++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync('spm_encode', [`--model=${model}`, '--output_format=id', input], { maxBuffer: 1 << 30 });
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    if (res.status !== 0) throw new Error(`spm_encode failed: ${String(res.stderr)}`);
    out = res.stdout.toString('utf8');
    best = Math.min(best, dt);
  }
  return { seconds: best, out };
}

/** The 256k-piece unigram model (trained once from all FLORES dev+devtest text; cached). */
export function ensureBigModel(sharedDir: string, cacheDir: string): string {
  const prefix = join(cacheDir, 'flores-unigram-256k');
  if (existsSync(`${prefix}.model`)) return `${prefix}.model`;
  mkdirSync(cacheDir, { recursive: true });
  const text = join(cacheDir, 'flores-all.txt');
  if (!existsSync(text)) {
    const chunks: string[] = [];
    for (const split of ['dev', 'devtest']) {
      const dir = join(sharedDir, 'data', 'flores200', split);
      for (const f of readdirSync(dir).filter((x) => x.endsWith(`.${split}`)).sort()) chunks.push(readFileSync(join(dir, f), 'utf8'));
    }
    writeFileSync(text, chunks.join(''));
  }
  // hard_vocab_limit=false: the text may not support exactly 256k pieces.
  const res = spawnSync('spm_train', [`--input=${text}`, `--model_prefix=${prefix}`, '--vocab_size=256000', '--model_type=unigram',
    '--hard_vocab_limit=false', '--num_threads=2', '--input_sentence_size=0'], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error('spm_train failed');
  return `${prefix}.model`;
}

export function benchEncode(options: EncodeBenchOptions = {}): EncodeBenchRow[] {
  const root = resolve(new URL('..', import.meta.url).pathname);
  const sharedDir = resolve(options.sharedDir ?? process.env.TOKGAP_SHARED ?? join(root, '..', 'shared'));
  const cacheDir = resolve(options.cacheDir ?? join(root, '.tokgap-cache', 'bench'));
  const repeat = options.repeat ?? 3;
  mkdirSync(cacheDir, { recursive: true });
  const input = join(cacheDir, 'flores-xglm30-dev.txt');
  const lines: string[] = [];
  for (const code of XGLM_FLORES) {
    const text = readFileSync(join(sharedDir, 'data', 'flores200', 'dev', `${code}.dev`), 'utf8').split('\n');
    if (text[text.length - 1] === '') text.pop();
    lines.push(...text);
  }
  writeFileSync(input, lines.join('\n') + '\n');
  const empty = join(cacheDir, 'empty.txt');
  writeFileSync(empty, '');

  const models = options.models ?? [
    join(sharedDir, 'fixtures', 'golden', 'udhr-unigram-8k.model'),
    join(sharedDir, 'fixtures', 'golden', 'udhr-bpe-8k-bytefallback.model'),
    ensureBigModel(sharedDir, cacheDir),
  ];
  const rows: EncodeBenchRow[] = [];
  for (const path of models) {
    const model = SentencePieceModel.fromFile(path);
    // Warm up the JIT on a slice before timing.
    for (let i = 0; i < Math.min(3000, lines.length); i++) model.encodeIds(lines[i]!);
    // Interleave ours and spm_encode in every round and keep each side's best round, so that
    // load from other processes hits both alike.
    let ours = Infinity, full = Infinity, spmSeconds = Infinity;
    let got: string[] = [];
    let spmOut = '';
    for (let r = 0; r < repeat; r++) {
      const t0 = process.hrtime.bigint();
      const out: Int32Array[] = new Array(lines.length);
      for (let i = 0; i < lines.length; i++) out[i] = model.encodeIds(lines[i]!);
      ours = Math.min(ours, Number(process.hrtime.bigint() - t0) / 1e9);
      if (r === 0) got = out.map((ids) => Array.from(ids).join(' '));
      const t1 = process.hrtime.bigint();
      for (let i = 0; i < lines.length; i++) model.encode(lines[i]!);
      full = Math.min(full, Number(process.hrtime.bigint() - t1) / 1e9);
      const base = timeSpm(path, empty, 1).seconds;
      const spm = timeSpm(path, input, 1);
      spmSeconds = Math.min(spmSeconds, Math.max(1e-6, spm.seconds - base));
      spmOut = spm.out;
    }
    const want = spmOut.split('\n');
    rows.push({
      model: path.split('/').pop()!,
      pieces: model.vocabSize,
      lines: lines.length,
      oursLinesPerSec: lines.length / ours,
      oursFullLinesPerSec: lines.length / full,
      spmLinesPerSec: lines.length / spmSeconds,
      ratio: spmSeconds / ours,
      identical: got.every((g, i) => g === want[i]),
    });
  }
  return rows;
}

function main(): void {
  const args = process.argv.slice(2);
  const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 3;
  const extra = args.flatMap((a, i) => (a === '--model' ? [args[i + 1]!] : []));
  const rows = benchEncode({ repeat, ...(extra.length > 0 ? { models: extra } : {}) });
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(34)} pieces ${String(r.pieces).padStart(6)}  lines ${r.lines}  ours ${r.oursLinesPerSec.toFixed(0)} lines/s ` +
        `(full Encoding ${r.oursFullLinesPerSec.toFixed(0)})  spm_encode ${r.spmLinesPerSec.toFixed(0)} lines/s  ratio ${r.ratio.toFixed(2)}x  identical ${r.identical}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
