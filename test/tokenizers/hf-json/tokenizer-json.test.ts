import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { loadHfJson } from '../../../src/tokenizers/hf-json/index.js';
import { componentConfig, readTokenizerJson } from '../../../src/tokenizers/hf-json/tokenizer-json.js';
import { parseKnownComponent } from '../../../src/tokenizers/hf-json/components.js';
import { NormalizerConfigSchema } from '../../../src/tokenizers/hf-json/normalizers/index.js';
import { XglmTokenizer } from '../../../src/tokenizers/xglm/index.js';

interface GoldenRow { text: string; input_ids: number[]; tokens: string[] }
const GOLDEN_FILE = goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json');
const golden = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { langs: Record<string, GoldenRow[]> };
const rows = ['eng', 'rus', 'hin', 'ben'].flatMap((lang) => golden.langs[lang]!.slice(0, 5));

/** The golden tokenizer.json changed by `edit`, in a folder of its own (xglm:DIR reads the folder). */
function variant(edit: (json: any) => void): string {
  const json = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));
  edit(json);
  const dir = join(mkdtempSync(join(tmpdir(), 'tokgap-hfjson-')), 'tok');
  mkdirSync(dir);
  const file = join(dir, 'tokenizer.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** The error `f` throws (it must throw). */
function failure(f: () => unknown): any {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

const CONVERTER_DECODER = { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '\u2581' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] };

test('the golden file reads as data: a Unigram model, its added tokens, a template and a Metaspace decoder', () => {
  const tj = readTokenizerJson(GOLDEN_FILE);
  assert.equal(tj.model.type, 'Unigram');
  assert.ok(tj.model.type === 'Unigram' && tj.model.vocab.length === 8008 && tj.model.unk_id === 3);
  assert.deepEqual(tj.addedTokens.map((t) => [t.id, t.content, t.special]), [[0, '<s>', true], [1, '<pad>', true], [2, '</s>', true], [3, '<unk>', true]]);
  assert.deepEqual(componentConfig(tj, 'post_processor')?.single, [{ SpecialToken: { id: '</s>' } }, { Sequence: { id: 'A' } }]);
  assert.equal(componentConfig(tj, 'decoder')?.type, 'Metaspace');
});

test('with the converters\' decoder sequence instead of a Metaspace decoder, ids and decoded text stay golden', () => {
  const tok = loadHfJson(variant((json) => { json.decoder = CONVERTER_DECODER; }));
  for (const row of rows) {
    const e = tok.encode(row.text, { addSpecialTokens: true });
    assert.deepEqual(Array.from(e.ids), row.input_ids, row.text.slice(0, 40));
    assert.deepEqual(e.pieces, row.tokens);
  }
  for (const row of golden.langs.eng!) assert.equal(tok.decode(tok.encode(row.text, { addSpecialTokens: true }).ids), row.text);
});

test('an unknown model type is UNSUPPORTED naming model.type and the known types, on hf: and xglm: alike', () => {
  const file = variant((json) => { json.model.type = 'CharLevel'; });
  for (const load of [() => loadHfJson(file), () => XglmTokenizer.fromDir(join(file, '..'))]) {
    const e = failure(load);
    assert.equal(e.code, 'UNSUPPORTED_TOKENIZER');
    assert.equal(e.file, file);
    assert.equal(e.field, 'model.type');
    assert.equal(e.expected, 'one of Unigram, BPE, WordPiece, WordLevel');
    assert.match(e.message, /"CharLevel"/);
  }
});

test('an unknown post-processor type is UNSUPPORTED naming post_processor.type and TemplateProcessing', () => {
  const file = variant((json) => { json.post_processor = { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0] }; });
  const e = failure(() => loadHfJson(file));
  assert.equal(e.code, 'UNSUPPORTED_TOKENIZER');
  assert.equal(e.field, 'post_processor.type');
  assert.equal(e.expected, 'one of TemplateProcessing');
  assert.match(e.message, /"RobertaProcessing"/);
});

test('an unknown decoder type, nested in a Sequence, is UNSUPPORTED naming its path and the known types', () => {
  const file = variant((json) => { json.decoder = { type: 'Sequence', decoders: [CONVERTER_DECODER.decoders[0], { type: 'CTC' }] }; });
  const e = failure(() => loadHfJson(file));
  assert.equal(e.code, 'UNSUPPORTED_TOKENIZER');
  assert.equal(e.field, 'decoder.decoders[1].type');
  assert.equal(e.expected, 'one of Sequence, Metaspace, Replace, ByteFallback, Fuse, Strip');
  assert.match(e.message, /"CTC"/);
});

test('a malformed field is BAD_INPUT naming its dotted path', () => {
  const cases: [string, (json: any) => void][] = [
    ['model.vocab[5][1]', (json) => { json.model.vocab[5][1] = 'high'; }],
    ['model.vocab[6][0]', (json) => { json.model.vocab[6][0] = 7; }],
    ['model.vocab[7]', (json) => { json.model.vocab[7] = '▁a'; }],
    ['model.unk_id', (json) => { json.model.unk_id = 'three'; }],
    ['model.vocab', (json) => { delete json.model.vocab; }],
    ['added_tokens[2].content', (json) => { delete json.added_tokens[2].content; }],
    ['added_tokens[1].special', (json) => { json.added_tokens[1].special = 'yes'; }],
    ['post_processor.single[0].SpecialToken.id', (json) => { json.post_processor.single[0].SpecialToken.id = 2; }],
    ['post_processor.single[1]', (json) => { json.post_processor.single[1] = {}; }],
    ['post_processor.special_tokens.</s>.ids[0]', (json) => { json.post_processor.special_tokens['</s>'].ids = ['2']; }],
    ['decoder.decoders[3].start', (json) => { json.decoder = structuredClone(CONVERTER_DECODER); delete json.decoder.decoders[3].start; }],
    ['decoder.prepend_scheme', (json) => { json.decoder.prepend_scheme = 'sometimes'; }],
  ];
  for (const [field, edit] of cases) {
    const file = variant(edit);
    const e = failure(() => loadHfJson(file));
    assert.equal(e.code, 'BAD_INPUT', `${field}: ${e.message}`);
    assert.equal(e.file, file);
    assert.equal(e.field, field);
  }
});

test('xglm:DIR reads the file through the same schemas: a bad vocab entry names its path', () => {
  const file = variant((json) => { json.model.vocab[9][1] = null; });
  const e = failure(() => XglmTokenizer.fromDir(join(file, '..')));
  assert.equal(e.code, 'BAD_INPUT');
  assert.equal(e.field, 'model.vocab[9][1]');
});

test('a SentencePiece BPE vocab id that is not a non-negative integer names the piece', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-hfjson-bpe-'));
  const file = join(dir, 'tokenizer.json');
  writeFileSync(file, JSON.stringify({
    normalizer: { type: 'Precompiled', precompiled_charsmap: '' },
    pre_tokenizer: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: false },
    model: { type: 'BPE', byte_fallback: true, unk_token: '<unk>', vocab: { '<unk>': 0, a: 1, b: -2 }, merges: [] },
  }));
  const e = failure(() => loadHfJson(file));
  assert.equal(e.code, 'BAD_INPUT');
  assert.equal(e.field, 'model.vocab.b');
});

test('for routing, a component of an unknown type reads as null, a known one as data, a malformed known one is an error', () => {
  const where = { file: 'tokenizer.json', path: 'normalizer' };
  assert.equal(parseKnownComponent(NormalizerConfigSchema, { type: 'Sequence', normalizers: [{ type: 'Precompiled', precompiled_charsmap: '' }, { type: 'BertNormalizer' }] }, where), null);
  assert.deepEqual(parseKnownComponent(NormalizerConfigSchema, { type: 'Sequence', normalizers: [{ type: 'Strip', strip_left: false, strip_right: true }] }, where),
    { type: 'Sequence', normalizers: [{ type: 'Strip', strip_left: false, strip_right: true }] });
  const e = failure(() => parseKnownComponent(NormalizerConfigSchema, { type: 'Sequence', normalizers: [{ type: 'Precompiled', precompiled_charsmap: 5 }] }, where));
  assert.equal(e.code, 'BAD_INPUT');
  assert.equal(e.field, 'normalizer.normalizers[0].precompiled_charsmap');
});
