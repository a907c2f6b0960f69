import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../../helpers/shared.js';
import { alignedFrom, alignedText, type Aligned } from '../../../src/tokenizers/hf-json/aligned-string.js';
import { PrecompiledCharsmap, precompiledNormalize } from '../../../src/tokenizers/hf-json/normalizers/precompiled.js';
import { stripNormalize } from '../../../src/tokenizers/hf-json/normalizers/strip.js';
import { patternRegExp, replaceNormalize } from '../../../src/tokenizers/hf-json/normalizers/replace.js';
import { metaspacePreTokenize } from '../../../src/tokenizers/hf-json/pre-tokenizers/metaspace.js';

const json = JSON.parse(readFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), 'utf8'));
const map = PrecompiledCharsmap.fromBase64(json.normalizer.normalizers[0].precompiled_charsmap, { file: 'tokenizer.json', path: 'normalizer' });
const spans = (a: Aligned): number[][] => a.chars.map((_, i) => [a.start[i], a.end[i]]);

test('Precompiled (nmt_nfkc): NFKC folds, each new character spans what it replaced', () => {
  assert.equal(alignedText(precompiledNormalize(map, alignedFrom('Ａ'))), 'A');
  const fi = precompiledNormalize(map, alignedFrom('xﬁy'));
  assert.equal(alignedText(fi), 'xfiy');
  assert.deepEqual(spans(fi), [[0, 1], [1, 2], [1, 2], [2, 3]]);
  // e + combining acute is one 3-byte grapheme: composed to é, spanning both code units.
  const e = precompiledNormalize(map, alignedFrom('e\u0301'));
  assert.equal(alignedText(e), '\u00e9');
  assert.deepEqual(spans(e), [[0, 2]]);
});

test('Precompiled: a grapheme of 6+ UTF-8 bytes is mapped code point by code point (no composition)', () => {
  // ঘ + ে + া is one 9-byte grapheme; NFKC would give ঘো, the crate keeps the three code points.
  assert.equal(alignedText(precompiledNormalize(map, alignedFrom('\u0998\u09c7\u09be'))), '\u0998\u09c7\u09be');
  // Alone, ে + া is a 6-byte grapheme as well: still kept.
  assert.equal(alignedText(precompiledNormalize(map, alignedFrom('\u09c7\u09be'))), '\u09c7\u09be');
});

test('Strip, Replace and Metaspace keep original spans', () => {
  const stripped = stripNormalize(alignedFrom('ab  '), false, true);
  assert.equal(alignedText(stripped), 'ab');
  const replaced = replaceNormalize(alignedFrom('a   b'), patternRegExp({ Regex: ' {2,}' }), '\u2581');
  assert.equal(alignedText(replaced), 'a\u2581b');
  assert.deepEqual(spans(replaced), [[0, 1], [1, 4], [4, 5]]);
  const pieces = metaspacePreTokenize(alignedFrom('ab c'), { replacement: '\u2581', prependScheme: 'always', split: true }, true);
  assert.deepEqual(pieces.map(alignedText), ['\u2581ab', '\u2581c']);
  assert.deepEqual(pieces.map(spans), [[[0, 0], [0, 1], [1, 2]], [[2, 3], [3, 4]]]);
});
