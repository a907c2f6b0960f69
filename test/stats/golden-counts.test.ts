// Token-level counts checked against the ids that SentencePiece itself produced (spm-golden.json):
// 34 languages × 6 UDHR paragraphs, unigram (with <unk>) and BPE with byte fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSentencePieceSpec } from '../../src/tokenizers/sentencepiece/index.js';
import { emptyCounter } from '../../src/stats/counter.js';
import { countSegment } from '../../src/stats/count.js';
import { computeMetrics } from '../../src/stats/rows.js';
import { goldenPath } from '../helpers/shared.js';

interface GoldenParagraph { text: string; unigram_ids: number[]; bpe_ids: number[]; bpe_pieces: string[] }
const golden = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, GoldenParagraph[]> };

test('tokens, unknown and byte-fallback counts match SentencePiece on every golden paragraph', () => {
  const unigram = loadSentencePieceSpec(`spm:${goldenPath('udhr-unigram-8k.model')}`);
  const bpe = loadSentencePieceSpec(`spm:${goldenPath('udhr-bpe-8k-bytefallback.model')}`);
  let unkSeen = 0;
  let bytesSeen = 0;
  for (const [lang, paragraphs] of Object.entries(golden.langs)) {
    const u = emptyCounter();
    const b = emptyCounter();
    paragraphs.forEach((p, i) => {
      countSegment(u, unigram, { id: String(i), text: p.text }, 'und');
      countSegment(b, bpe, { id: String(i), text: p.text }, 'und');
    });
    const ids = paragraphs.flatMap((p) => p.unigram_ids);
    assert.equal(u.tokens, ids.length, `${lang} unigram tokens`);
    assert.equal(u.unknown, ids.filter((id) => id === 0).length, `${lang} unigram <unk>`);
    assert.equal(u.idCounts.size, new Set(ids).size, `${lang} distinct ids`);
    const pieces = paragraphs.flatMap((p) => p.bpe_pieces);
    assert.equal(b.tokens, pieces.length, `${lang} bpe tokens`);
    assert.equal(b.byteFallback, pieces.filter((x) => /^<0x[0-9A-F]{2}>$/.test(x)).length, `${lang} byte pieces`);
    unkSeen += u.unknown;
    bytesSeen += b.byteFallback;
  }
  assert.ok(unkSeen > 0 && bytesSeen > 0, 'the fixture exercises both');
});

test('fertility of UDHR article 1 (first sentence) by hand from the golden pieces', () => {
  const unigram = loadSentencePieceSpec(`spm:${goldenPath('udhr-unigram-8k.model')}`);
  const c = emptyCounter();
  countSegment(c, unigram, { id: 'a1', text: 'All human beings are born free and equal in dignity and rights.' }, 'en');
  // ▁A ll | ▁human | ▁be ing s | ▁are | ▁bo r n | ▁f re e | ▁and | ▁equal | ▁in | ▁di g ni ty | ▁and | ▁right s | .
  const perWord = [2, 1, 3, 1, 3, 3, 1, 1, 1, 4, 1, 2];
  const m = computeMetrics(c, { vocabSize: unigram.vocabSize, alpha: 2.5 });
  assert.equal(m.tokens, 24);
  assert.equal(m.words, 12);
  assert.equal(m.fertility, perWord.reduce((s, n) => s + n, 0) / 12);
  assert.equal(m.continued_words, perWord.filter((n) => n >= 2).length / 12);
  assert.equal(m.single_token_words, perWord.filter((n) => n === 1).length / 12);
});
