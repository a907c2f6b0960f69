import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { parseModelProto } from '../../../src/tokenizers/sentencepiece/index.js';
import { loadHfJson } from '../../../src/tokenizers/hf-json/index.js';
import { TokenKind } from '../../../src/tokenizers/types.js';

/**
 * The golden SentencePiece BPE model written as tokenizer.json the way transformers' converters
 * lay out SentencePiece BPE (vocab piece → id, byte_fallback, Precompiled charsmap, Metaspace,
 * `<s>` template); it must then give what sentencepiece gave for the .model.
 */
function convertedFile(): string {
  const { parts } = parseModelProto(readFileSync(goldenPath('udhr-bpe-8k-bytefallback.model')), 'udhr-bpe');
  const vocab = Object.fromEntries(parts.pieces.map((p, id) => [p.piece, id]));
  const json = {
    version: '1.0',
    added_tokens: [0, 1, 2].map((id) => ({ id, content: parts.pieces[id].piece, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'Sequence', normalizers: [
      { type: 'Precompiled', precompiled_charsmap: Buffer.from(parts.normalizer.precompiledCharsmap ?? new Uint8Array()).toString('base64') },
      { type: 'Strip', strip_left: false, strip_right: true },
      { type: 'Replace', pattern: { Regex: ' {2,}' }, content: '\u2581' },
    ] },
    pre_tokenizer: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: false },
    post_processor: { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }], pair: [], special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] } } },
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '\u2581' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, ignore_merges: false, vocab, merges: [] },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'tokgap-spbpe-')), 'tokenizer.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

interface SpmRow { text: string; bpe_ids: number[]; bpe_pieces: string[] }
const rows = Object.values((JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, SpmRow[]> }).langs).flat();

test('SentencePiece BPE as tokenizer.json runs on the exact engine and gives sentencepiece\'s ids', () => {
  const tok = loadHfJson(convertedFile());
  assert.equal(tok.format, 'hf-json');
  for (const row of rows) assert.deepEqual(Array.from(tok.encode(row.text).ids), row.bpe_ids, row.text.slice(0, 40));
  assert.deepEqual(tok.encode(rows[0].text).pieces, rows[0].bpe_pieces);
});

test('its template adds <s> only with special tokens, as Control', () => {
  const tok = loadHfJson(convertedFile());
  const e = tok.encode(rows[0].text, { addSpecialTokens: true });
  assert.deepEqual(Array.from(e.ids), [1, ...rows[0].bpe_ids]);
  assert.equal(e.kinds[0], TokenKind.Control);
  assert.deepEqual(Array.from(e.offsets.slice(0, 2)), [0, 0]);
  assert.equal(tok.kindOf(tok.encode('\u{1F917}').ids[1]), TokenKind.Byte);
});
