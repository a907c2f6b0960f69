/**
 * The fast encoder (own BPE + word cache + spans from the merged byte ranges) against
 * independent references: gpt-tokenizer's plain `encode` for ids, the byte-alignment walk the
 * tokenizer used before (hf-json/byte-token-spans.ts) for spans, and the input's own UTF-8 for bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encode as o200kEncode } from 'gpt-tokenizer/encoding/o200k_base';
import { encode as cl100kEncode } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as r50kEncode } from 'gpt-tokenizer/encoding/r50k_base';
import { TiktokenTokenizer } from '../../../src/tokenizers/tiktoken/index.js';
import { BpeScratch, mergeByScan, mergeWithHeap } from '../../../src/tokenizers/tiktoken/bpe.js';
import { ByteRankTable } from '../../../src/tokenizers/tiktoken/rank-table.js';
import { alignByteTokens } from '../../../src/tokenizers/hf-json/byte-token-spans.js';
import { TokenKind } from '../../../src/tokenizers/types.js';
import { fixtureDataPath } from '../../helpers/shared.js';

/** Ten scripts with different pre-token shapes: spaced words, CJK runs, Thai/Khmer/Burmese without spaces, abugidas. */
const LANGS = ['eng_Latn', 'zho_Hans', 'jpn_Jpan', 'hin_Deva', 'tha_Thai', 'arb_Arab', 'rus_Cyrl', 'tam_Taml', 'amh_Ethi', 'mya_Mymr'];
/** Lines per language: enough for every script's long runs, small enough for a seconds-long test. */
const LINES = 150;
const NO_SPECIAL = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };

function floresLines(): string[] {
  return LANGS.flatMap((l) => readFileSync(fixtureDataPath('flores200/dev', `${l}.dev`), 'utf8').split('\n').slice(0, LINES));
}

const lines = floresLines();
const utf8 = new TextEncoder();

for (const [name, reference] of [['o200k_base', o200kEncode], ['cl100k_base', cl100kEncode], ['r50k_base', r50kEncode]] as const) {
  test(`${name}: same ids as gpt-tokenizer encode on FLORES dev lines of ${LANGS.length} languages`, async () => {
    const t = await TiktokenTokenizer.load(name);
    assert.equal(lines.length, LANGS.length * LINES);
    for (const [i, line] of lines.entries()) {
      assert.deepEqual(Array.from(t.encode(line).ids), reference(line, NO_SPECIAL), `${LANGS[Math.floor(i / LINES)]} line ${(i % LINES) + 1}`);
    }
  });
}

test('o200k_base spans, bytes, pieces and kinds on FLORES lines (twice: the second pass comes from the word cache)', async () => {
  const t = await TiktokenTokenizer.load('o200k_base');
  for (let pass = 0; pass < 2; pass++) {
    for (const [i, line] of lines.entries()) {
      const where = `${LANGS[Math.floor(i / LINES)]} line ${(i % LINES) + 1}`;
      const e = t.encode(line);
      const n = e.ids.length;
      assert.equal(e.offsets.length, 2 * n);
      // Concatenated token bytes are the line's UTF-8.
      const bytes = Array.from(e.ids, (id) => t.tokenBytes(id)!);
      assert.deepEqual(Buffer.concat(bytes), Buffer.from(utf8.encode(line)), where);
      // Spans: inside the line, non-decreasing, and exactly what the byte-alignment walk computes.
      for (let k = 0; k < n; k++) {
        assert.ok(e.offsets[2 * k] <= e.offsets[2 * k + 1] && e.offsets[2 * k + 1] <= line.length, where);
        if (k > 0) assert.ok(e.offsets[2 * k] >= e.offsets[2 * k - 2], where);
      }
      assert.deepEqual(Array.from(e.offsets), Array.from(alignByteTokens(line, bytes)), where);
      assert.deepEqual(e.pieces, Array.from(e.ids, (id) => t.idToPiece(id)), where);
      assert.ok(e.kinds.every((k) => k === TokenKind.Normal), where);
    }
  }
});

test('heap merge equals the scan merge (tiktoken\'s loop) on every long pre-token of the FLORES lines', async () => {
  const ranks = (await import('gpt-tokenizer/bpeRanks/o200k_base')).default;
  const table = new ByteRankTable(ranks);
  const scratch = new BpeScratch();
  let checked = 0;
  for (const line of lines) {
    for (const word of line.split(/[ ,.。、]/u)) {
      const bytes = utf8.encode(word);
      if (bytes.length < 2) continue;
      const a = mergeByScan(table, bytes, bytes.length, scratch);
      const scan = [Array.from(scratch.starts.subarray(0, a + 1)), Array.from(scratch.partRank.subarray(0, a))];
      const b = mergeWithHeap(table, bytes, bytes.length, scratch);
      const heap = [Array.from(scratch.starts.subarray(0, b + 1)), Array.from(scratch.partRank.subarray(0, b))];
      assert.deepEqual(heap, scan, word);
      checked++;
    }
  }
  assert.ok(checked > 5000);
});

test('byte-level spans: a character split over several tokens gives each the whole character', async () => {
  const t = await TiktokenTokenizer.load('r50k_base');
  // r50k has no token for 🤗 (4 bytes) or the rare CJK ideograph 𠀀 (U+20000).
  const text = 'a🤗𠀀b';
  const e = t.encode(text);
  const spans = Array.from({ length: e.ids.length }, (_, i) => [e.offsets[2 * i], e.offsets[2 * i + 1]]);
  assert.deepEqual(spans[0], [0, 1]);
  assert.deepEqual(spans.at(-1), [5, 6]);
  for (const [s, end] of spans.slice(1, -1)) assert.ok((s === 1 && end === 3) || (s === 3 && end === 5) || (s === 1 && end === 5), `${s},${end}`);
});

test('U+FEFF follows tiktoken (whole pre-token rank first), where gpt-tokenizer drops the BOM inside merges', async () => {
  const t = await TiktokenTokenizer.load('o200k_base');
  // o200k rank 9251 is the bytes EF BB BF "using", 5574 is EF BB BF alone: tiktoken looks the
  // whole pre-token up before merging, so each is one token.
  assert.deepEqual(Array.from(t.encode('\uFEFFusing').ids), [9251]);
  assert.deepEqual(Array.from(t.encode('\uFEFF').ids), [5574]);
  assert.deepEqual(Array.from(t.tokenBytes(9251)!), [0xef, 0xbb, 0xbf, ...utf8.encode('using')]);
});

test('decode: a leading U+FEFF survives, a cut character becomes U+FFFD (tiktoken decodes with errors="replace")', async () => {
  const t = await TiktokenTokenizer.load('r50k_base');
  assert.equal(t.decode(t.encode('\uFEFFa').ids), '\uFEFFa');
  const e = t.encode('a🤗');
  assert.ok(e.ids.length >= 3, 'r50k splits the emoji into byte tokens');
  // Twice: nothing of the first call's cut character may leak into the next.
  assert.equal(t.decode(e.ids.slice(0, 2)), 'a\uFFFD');
  assert.equal(t.decode(e.ids.slice(0, 2)), 'a\uFFFD');
  assert.equal(t.decode([...e.ids, 50256]), 'a🤗', 'the special id is skipped');
});

test('a word cache that starts over every 7 pre-tokens gives the same ids and spans', async () => {
  const { TiktokenEncoder } = await import('../../../src/tokenizers/tiktoken/encoder.js');
  const { O200K_TOKEN_SPLIT_REGEX } = await import('gpt-tokenizer/encodingParams/constants');
  const ranks = (await import('gpt-tokenizer/bpeRanks/o200k_base')).default;
  const t = await TiktokenTokenizer.load('o200k_base');
  const tiny = new TiktokenEncoder(ranks, O200K_TOKEN_SPLIT_REGEX, 7);
  for (const line of lines.slice(0, 300)) {
    const a = t.encode(line);
    const b = tiny.encode(line);
    assert.deepEqual(Array.from(b.ids), Array.from(a.ids), line);
    assert.deepEqual(Array.from(b.offsets), Array.from(a.offsets), line);
  }
});

test('long pre-tokens (unspaced Thai, 2,000+ bytes), digit runs and CR LF give gpt-tokenizer\'s ids', async () => {
  const t = await TiktokenTokenizer.load('o200k_base');
  const thai = readFileSync(fixtureDataPath('flores200/dev/tha_Thai.dev'), 'utf8').replace(/[\s\p{P}\p{N}]/gu, '').slice(0, 800);
  const texts = [thai, `x ${thai}\r\n\r\n  1234567 89\t\ttab\r\n`, '٣٤٥٦٧٨ 12345678901 ①②③'];
  for (const text of texts) assert.deepEqual(Array.from(t.encode(text).ids), o200kEncode(text, NO_SPECIAL), text.slice(0, 20));
});
