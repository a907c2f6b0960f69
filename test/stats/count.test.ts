import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCounter, mergeCounters, counterFromJSON, counterToJSON } from '../../src/stats/counter.js';
import { countSegment, tokensPerWord } from '../../src/stats/count.js';
import { goldWordSpans, segmenterWords } from '../../src/stats/words.js';
import { countCodePoints } from '../../src/util/utf8.js';
import { TokenKind, type Encoding } from '../../src/tokenizers/types.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';

function enc(spans: [number, number][], kinds?: number[]): Encoding {
  return {
    ids: Int32Array.from(spans.map((_, i) => i + 5)),
    pieces: spans.map(() => 'x'),
    kinds: Uint8Array.from(kinds ?? spans.map(() => TokenKind.Normal)),
    offsets: Uint32Array.from(spans.flat()),
  };
}

test('tokens are assigned to the word their span falls in', () => {
  const text = 'ab cd, ef';
  const words = [{ start: 0, end: 2 }, { start: 3, end: 5 }, { start: 7, end: 9 }];
  // "▁" with an empty span at 0, "ab", "▁" as a space token before cd, "c", "d", ",", "ef"
  const e = enc([[0, 0], [0, 2], [2, 3], [3, 4], [4, 5], [5, 6], [7, 9]]);
  assert.deepEqual([...tokensPerWord(text, e, words)], [2, 3, 1]);
});

test('a token spanning two words counts for the first only; control tokens never count', () => {
  const text = '日本語';
  const words = [{ start: 0, end: 2 }, { start: 2, end: 3 }];
  const e = enc([[0, 0], [0, 3]], [TokenKind.Control, TokenKind.Normal]);
  assert.deepEqual([...tokensPerWord(text, e, words)], [1, 0]);
});

test('Intl.Segmenter words skip punctuation and segment Chinese by dictionary', () => {
  assert.deepEqual(segmenterWords('Hi, you!', 'en').map((s) => [s.start, s.end]), [[0, 2], [4, 7]]);
  assert.ok(segmenterWords('我们是学生', 'zh').length >= 2);
  assert.equal(countCodePoints('a😀b'), 3);
});

test('gold words are located in the running text; missing ones are reported', () => {
  const { spans, unlocated } = goldWordSpans("Don't stop", ['Do', "n't", 'stop', 'ghost']);
  assert.deepEqual(spans, [{ start: 0, end: 2 }, { start: 2, end: 5 }, { start: 6, end: 10 }]);
  assert.deepEqual(unlocated, ['ghost']);
});

test('gold words: unlocated words are encoded on their own', () => {
  const tok = fakeTokenizer({ vocab: ['de'] });
  const c = emptyCounter();
  // "del" is written as gold "de" + "el" (a contraction): "el" is not in the text after "de".
  countSegment(c, tok, { id: 's', text: 'del x', words: ['de', 'el', 'x'] }, 'es');
  // Text tokens d, e, l, x ("del" is not in the vocab): gold "de" = [0,2) gets d, e; "el" is not found
  // after "de" and is encoded alone (e, l); "x" gets x.
  assert.equal(c.words, 3);
  assert.equal(c.wordTokens, 2 + 2 + 1);
  assert.equal(c.tokens, 4);
});

test('merging shards gives the same counter as one pass, and survives JSON', () => {
  const tok = fakeTokenizer({ vocab: ['the'] });
  const whole = emptyCounter();
  const a = emptyCounter();
  const b = emptyCounter();
  const segs = [{ id: '1', text: 'the dog' }, { id: '2', text: 'the end.' }];
  for (const s of segs) countSegment(whole, tok, s, 'en');
  countSegment(a, tok, segs[0], 'en');
  countSegment(b, tok, segs[1], 'en');
  const merged = counterFromJSON(JSON.parse(JSON.stringify(counterToJSON(mergeCounters(a, b)))));
  assert.deepEqual(counterToJSON(merged), counterToJSON(whole));
});
