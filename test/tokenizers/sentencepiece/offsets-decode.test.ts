// Offsets are spans of the ORIGINAL string; decode(encode(x)) gives back the normalized text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../../helpers/shared.js';
import { SentencePieceModel } from '../../../src/tokenizers/sentencepiece/index.js';

const golden = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, { text: string }[]> };
const texts = Object.values(golden.langs).flatMap((rows) => rows.map((r) => r.text));
const models = ['udhr-unigram-8k.model', 'udhr-bpe-8k-bytefallback.model'].map((f) => SentencePieceModel.fromFile(goldenPath(f)));

test('every span lies within the text, in order, and covers it without gaps', () => {
  for (const m of models) {
    for (const text of texts) {
      const { offsets, ids } = m.encode(text);
      assert.equal(offsets.length, 2 * ids.length);
      let prevStart = 0, prevEnd = 0;
      for (let i = 0; i < ids.length; i++) {
        const s = offsets[2 * i]!, e = offsets[2 * i + 1]!;
        assert.ok(s <= e && e <= text.length, `span ${s}-${e} of ${text.length}`);
        // Byte pieces of one character repeat that character's span.
        const sameChar = s === prevStart && e === prevEnd;
        assert.ok(s >= prevEnd || s === e || sameChar, 'spans overlap');
        prevStart = s;
        // Anything skipped between tokens is whitespace the normaliser removed.
        assert.match(text.slice(prevEnd, s), /^\s*$/u);
        if (e > s) prevEnd = e;
      }
      assert.match(text.slice(prevEnd), /^\s*$/u);
    }
  }
});

test('ASCII: pieces without ▁ are exactly their original span', () => {
  const text = 'Everyone has the right to life, liberty and security of person.';
  for (const m of models) {
    const e = m.encode(text);
    for (let i = 0; i < e.ids.length; i++) {
      const span = text.slice(e.offsets[2 * i]!, e.offsets[2 * i + 1]!);
      const piece = e.pieces[i]!;
      if (piece.startsWith('▁')) assert.equal(piece.slice(1), span.trimStart());
      else assert.equal(piece, span);
    }
  }
});

test('surrogate pairs: a span never splits a character', () => {
  const text = 'x 𝔘𝔫𝔦 😀 y';
  for (const m of models) {
    const { offsets } = m.encode(text);
    for (const o of offsets) {
      const c = text.charCodeAt(o - 1);
      assert.ok(!(c >= 0xd800 && c <= 0xdbff), `offset ${o} splits a pair`);
    }
  }
});

test('decode(encode(x)) is the normalized text (NFKC, single spaces, no edge spaces)', () => {
  let compared = 0;
  for (const m of models) {
    for (const text of texts.slice(0, 60)) {
      const want = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
      const got = m.decode(m.encode(text).ids);
      // The unigram model has no byte fallback: unknown characters decode to ' ⁇ '.
      if (got.includes('\u2047')) continue;
      assert.equal(got, want);
      compared++;
    }
  }
  assert.ok(compared >= 100, `only ${compared} compared`);
});
