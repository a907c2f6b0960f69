import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentBoxes, segmentationHtml } from '../../src/report/segmentation.js';
import { EXAMPLE, LANGUAGES } from './fixtures.js';

test('tokens become boxes over the original text; byte pieces of one character share a box', () => {
  const { boxes, tail } = segmentBoxes(EXAMPLE.text, EXAMPLE.tokens);
  assert.deepEqual(boxes.map((b) => b.text), ['Hi', ' w', 'ö', 'rld', ' ', '☃']);
  assert.deepEqual(boxes[2]!.pieces, ['<0xC3>', '<0xB6>']);
  assert.deepEqual(boxes.map((b) => b.kind), [0, 0, 2, 0, 0, 1]);
  assert.equal(boxes.map((b) => b.gapBefore + b.text).join('') + tail, EXAMPLE.text);
});

test('uncovered text is kept and an empty span shows its piece', () => {
  const { boxes, tail } = segmentBoxes('a b!', [
    { piece: '▁', kind: 0, start: 0, end: 0 },
    { piece: 'a', kind: 0, start: 0, end: 1 },
    { piece: 'b', kind: 0, start: 2, end: 3 },
  ]);
  assert.deepEqual(boxes.map((b) => [b.gapBefore, b.text]), [['', '▁'], ['', 'a'], [' ', 'b']]);
  assert.equal(tail, '!');
});

test('HTML marks unknown and byte-fallback tokens and names the language', () => {
  const html = segmentationHtml([EXAMPLE], LANGUAGES);
  assert.match(html, /English \(eng\) · spm-a · 7 tokens/);
  assert.match(html, /<span class="tok byte c2" title="byte fallback ×2: &lt;0xC3&gt; &lt;0xB6&gt;" data-pieces="2">ö<\/span>/);
  assert.match(html, /<span class="tok unk c1" title="unknown token: &lt;unk&gt;" data-pieces="1">☃<\/span>/);
  assert.equal((html.match(/class="tok c\d"/g) ?? []).length, 4);
});

test('byte pieces join one box also when only the last byte carries the character span', () => {
  // "世" is E4 B8 96; this tokenizer gives the first two bytes empty spans.
  const { boxes, tail } = segmentBoxes('a世', [
    { piece: 'a', kind: 0, start: 0, end: 1 },
    { piece: '<0xE4>', kind: 2, start: 1, end: 1 },
    { piece: '<0xB8>', kind: 2, start: 1, end: 1 },
    { piece: '<0x96>', kind: 2, start: 1, end: 2 },
  ]);
  assert.deepEqual(boxes.map((b) => [b.text, b.pieces.length]), [['a', 1], ['世', 3]]);
  assert.equal(tail, '');
});

test('two characters of byte pieces in a row stay two boxes', () => {
  // "éé" = C3 A9 C3 A9, each character's span on all its bytes.
  const { boxes } = segmentBoxes('éé', [
    { piece: '<0xC3>', kind: 2, start: 0, end: 1 },
    { piece: '<0xA9>', kind: 2, start: 0, end: 1 },
    { piece: '<0xC3>', kind: 2, start: 1, end: 2 },
    { piece: '<0xA9>', kind: 2, start: 1, end: 2 },
  ]);
  assert.deepEqual(boxes.map((b) => [b.text, b.pieces.join('')]), [['é', '<0xC3><0xA9>'], ['é', '<0xC3><0xA9>']]);
});
