/**
 * Load time of big tokenizer.json files through each route of the loader: the golden
 * xglm-format Unigram file with its vocabulary grown to 250k pieces (as XLM-R's), read by
 * `loadHfJson` and by `xglm:DIR`, and a 250k SentencePiece BPE file (the converted layout).
 * Best of N rounds, wall and CPU; JSON.parse of the same text is printed for scale, since every
 * route pays it.
 *
 *   node --import tsx bench/hf-json-load.ts [ROUNDS]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHfJson } from '../src/tokenizers/hf-json/load.js';
import { XglmTokenizer } from '../src/tokenizers/xglm/index.js';

const SIZE = 250_000;
const golden = new URL('../test/fixtures/golden/xglm-format-udhr-unigram-8k/tokenizer.json', import.meta.url).pathname;
const tmp = join(tmpdir(), 'tokgap-hf-json-load-bench');

/** A deterministic piece for filler id `i`: distinct, over a few scripts, so the trie is not a line. */
function fillerPiece(i: number): string {
  const alphabets = ['abcdefghijklmnopqrstuvwxyz', 'абвгдежзийклмнопрстуфхцчшщ', 'अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशसह'];
  const a = alphabets[i % alphabets.length]!;
  let s = '\u2581';
  for (let n = i + 1; n > 0; n = Math.floor(n / a.length)) s += a[n % a.length];
  return `${s}\u0301`;
}

function writeFiles(): { unigram: string; bpe: string } {
  const json = JSON.parse(readFileSync(golden, 'utf8'));
  const vocab = json.model.vocab as [string, number][];
  const madeUp = vocab.filter(([p]) => /^<madeupword\d+>$/.test(p));
  const body = vocab.slice(0, vocab.length - madeUp.length);
  for (let i = 0; body.length + madeUp.length < SIZE; i++) body.push([fillerPiece(i), -20 - (i % 1000) / 100]);
  json.model.vocab = [...body, ...madeUp];
  mkdirSync(join(tmp, 'unigram'), { recursive: true });
  const unigram = join(tmp, 'unigram', 'tokenizer.json');
  writeFileSync(unigram, JSON.stringify(json));

  const pieces = json.model.vocab.map(([p]: [string, number]) => p) as string[];
  const bpeJson = {
    ...json,
    added_tokens: json.added_tokens,
    pre_tokenizer: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: false },
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '\u2581' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, ignore_merges: false, vocab: Object.fromEntries(pieces.map((p, id) => [p, id])), merges: [] },
  };
  mkdirSync(join(tmp, 'bpe'), { recursive: true });
  const bpe = join(tmp, 'bpe', 'tokenizer.json');
  writeFileSync(bpe, JSON.stringify(bpeJson));
  return { unigram, bpe };
}

/** Best wall and best CPU seconds of `rounds` runs (CPU time is less swayed by a busy machine). */
function best(rounds: number, f: () => unknown): string {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    f();
    wall = Math.min(wall, Number(process.hrtime.bigint() - t) / 1e9);
    const used = process.cpuUsage(c);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return `${wall.toFixed(3)} s (cpu ${cpu.toFixed(3)} s)`;
}

const rounds = Number(process.argv[2] ?? 5);
const { unigram, bpe } = writeFiles();
const text = readFileSync(unigram, 'utf8');
const parse = best(rounds, () => JSON.parse(text));
const hf = best(rounds, () => loadHfJson(unigram));
const xglm = best(rounds, () => XglmTokenizer.fromDir(join(tmp, 'unigram'), 'xglm:bench', 'transformers'));
const spbpe = best(rounds, () => loadHfJson(bpe));
const ids = Array.from(loadHfJson(unigram).encode('Всеобщая декларация прав человека', { addSpecialTokens: true }).ids).join(' ');
console.log(`vocab ${SIZE}  JSON.parse ${parse}  hf:unigram ${hf}  xglm:dir ${xglm}  hf:spm-bpe ${spbpe}  (best of ${rounds}; ids ${ids})`);
