/**
 * Single-thread encode speed of `tiktoken:NAME` in one run on the same lines: gpt-tokenizer's
 * plain `encode` (ids only), an Encoding built on it (that encode, then each token's bytes,
 * pieces and the hf-json/byte-token-spans.ts byte walk for spans), and our full `Encoding`
 * (own BPE + word cache, spans from the merge). Also checks that all give the same ids.
 *
 *   node --import tsx bench/tiktoken-encode.ts [--name o200k_base] [--repeat 3] [--langs eng_Latn,zho_Hans]
 *
 * Text: FLORES-200 dev lines of a few diverse languages ($TOKGAP_SHARED or ../shared). Times are
 * process CPU time (user + system), not wall: the 2-core machine is shared, so wall time mostly
 * measures the others' load.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TiktokenTokenizer, isTiktokenName } from '../src/tokenizers/tiktoken/index.js';
import { alignByteTokens } from '../src/tokenizers/hf-json/byte-token-spans.js';

const DEFAULT_LANGS = 'eng_Latn,zho_Hans,hin_Deva,tha_Thai,arb_Arab,rus_Cyrl,jpn_Jpan,tam_Taml,amh_Ethi,fin_Latn';

interface GptEncode { encode(text: string, o?: { allowedSpecial?: Set<string>; disallowedSpecial?: Set<string> }): number[] }

const shared = resolve(process.env.TOKGAP_SHARED ?? new URL('../../shared', import.meta.url).pathname);
const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'o200k_base' },
    repeat: { type: 'string', default: '3' },
    langs: { type: 'string', default: DEFAULT_LANGS },
  },
});
const name = values.name!;
if (!isTiktokenName(name)) throw new Error(`unknown tiktoken name ${name}`);
const repeat = Number(values.repeat);
const lines = values.langs!.split(',').flatMap((l) => readFileSync(join(shared, 'data/flores200/dev', `${l}.dev`), 'utf8').split('\n').filter((s) => s.length > 0));
const bytes = lines.reduce((s, l) => s + Buffer.byteLength(l), 0);

const plain = (await import(`gpt-tokenizer/encoding/${name}`)) as GptEncode;
const ours = await TiktokenTokenizer.load(name);
const noSpecial = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const ranks = ((await import(`gpt-tokenizer/bpeRanks/${name}`)) as { default: readonly (string | readonly number[])[] }).default;
const utf8 = new TextEncoder();

/** An Encoding from gpt-tokenizer's ids: each token's bytes and piece, spans by the byte walk. */
function encodeThenWalk(text: string): { ids: Int32Array; pieces: string[]; kinds: Uint8Array; offsets: Uint32Array } {
  const list = plain.encode(text, noSpecial);
  const n = list.length;
  const pieces = new Array<string>(n);
  const kinds = new Uint8Array(n);
  const bytes: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = ranks[list[i]];
    pieces[i] = ours.idToPiece(list[i]);
    bytes[i] = typeof r === 'string' ? utf8.encode(r) : Uint8Array.from(r);
  }
  return { ids: Int32Array.from(list), pieces, kinds, offsets: alignByteTokens(text, bytes) };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

/** Best of `repeat` passes over all lines, in CPU seconds. */
function best(f: (line: string) => void): number {
  let min = Infinity;
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    for (const l of lines) f(l);
    min = Math.min(min, cpuSeconds(c0));
  }
  return min;
}

// First pass: cold caches (what each new language of a FLORES run sees), kept for the id check.
let c0 = process.cpuUsage();
const plainIds = lines.map((l) => plain.encode(l, noSpecial));
const coldPlain = cpuSeconds(c0);
// (gpt-tokenizer's merge cache is warm now: the encode-then-walk arm's first pass is not a cold one.)
c0 = process.cpuUsage();
const ourIds = lines.map((l) => ours.encode(l).ids);
const coldOurs = cpuSeconds(c0);
let tokens = 0;
let identical = true;
plainIds.forEach((a, j) => {
  const b = ourIds[j];
  tokens += a.length;
  if (a.length !== b.length || a.some((id, i) => id !== b[i])) identical = false;
});
const tPlain = best((l) => plain.encode(l, noSpecial));
const tEncodeThenWalk = best((l) => encodeThenWalk(l));
const tOurs = best((l) => ours.encode(l));
const rate = (t: number): string => `${(lines.length / t).toFixed(0)} lines/s, ${(bytes / 1e6 / t).toFixed(2)} MB/s`;
console.log(`tiktoken:${name} on ${lines.length} FLORES dev lines (${(bytes / 1e6).toFixed(2)} MB, ${tokens} tokens), CPU time, best of ${repeat}:`);
console.log(`  first pass (cold caches, JIT warming up):`);
console.log(`    gpt-tokenizer encode (ids only):         ${rate(coldPlain)}`);
console.log(`    ours, full Encoding (ids+spans+pieces):  ${rate(coldOurs)}  (${(coldPlain / coldOurs).toFixed(2)}x)`);
console.log(`  warm (best later pass):`);
console.log(`    gpt-tokenizer encode (ids only):         ${rate(tPlain)}`);
console.log(`    encode + byte walk (ids+spans+pieces):   ${rate(tEncodeThenWalk)}`);
console.log(`    ours, full Encoding (ids+spans+pieces):  ${rate(tOurs)}  (${(tPlain / tOurs).toFixed(2)}x plain, ${(tEncodeThenWalk / tOurs).toFixed(2)}x encode + walk)`);
console.log(`  same ids on every line: ${identical}`);
