import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadTokenizer } from '../../src/tokenizers/index.js';
import { segmentExample } from '../../src/report/index.js';
import { segmentBoxes } from '../../src/report/segmentation.js';
import { goldenPath } from '../helpers/shared.js';

interface Golden {
  langs: Record<string, { text: string; bpe_pieces: string[] }[]>;
}
const golden = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as Golden;

test('a SentencePiece BPE example keeps sentencepiece\'s pieces; byte pieces of one character share a box', async () => {
  const tokenizer = await loadTokenizer(`spm:${goldenPath('udhr-bpe-8k-bytefallback.model')}`);
  // Japanese paragraph 0 needs 6 byte-fallback pieces (2 characters × 3 UTF-8 bytes) in spm-golden.json.
  const { text, bpe_pieces } = golden.langs.jpn![0]!;
  const example = segmentExample(tokenizer, 'jpn', text);
  assert.deepEqual(example.tokens.map((t) => t.piece), bpe_pieces);
  const bytes = example.tokens.filter((t) => t.kind === 2);
  assert.equal(bytes.length, bpe_pieces.filter((p) => p.startsWith('<0x')).length);
  const { boxes, tail } = segmentBoxes(example.text, example.tokens);
  const byteBoxes = boxes.filter((b) => b.kind === 2);
  // Each byte box is one character whose pieces are its UTF-8 bytes.
  for (const box of byteBoxes) {
    assert.equal([...box.text].length, 1);
    assert.deepEqual(box.pieces, [...Buffer.from(box.text, 'utf8')].map((b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`));
  }
  assert.equal(byteBoxes.length, 2);
  // Boxes plus the text between them give back the sentence.
  assert.equal(boxes.map((b) => b.gapBefore + (b.text === '▁' ? '' : b.text)).join('') + tail, text);
});
