import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNormalizer, normalizerFromJson, NormalizerConfigSchema } from '../../../src/tokenizers/hf-json/normalizers/index.js';
import { alignedFrom } from '../../../src/tokenizers/hf-json/aligned-string.js';

const where = { file: 'tokenizer.json', path: 'normalizer' };

test('a normalizer is data with a type tag, then built: Sequence of Strip, Replace and Prepend', () => {
  const config = NormalizerConfigSchema.parse({
    type: 'Sequence',
    normalizers: [
      { type: 'Strip', strip_left: true, strip_right: true },
      { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      { type: 'Prepend', prepend: '\u2581' },
    ],
    extra: 'ignored',
  });
  assert.equal(config.type, 'Sequence');
  const run = buildNormalizer(config, where)!;
  assert.equal(run(alignedFrom('  a   b ')).chars.join(''), '\u2581a b');
});

test('an unknown type, nested or not, is UNSUPPORTED_TOKENIZER naming its field and the known types', () => {
  assert.throws(() => normalizerFromJson({ type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Fancy' }] }, where),
    (e: any) => e.code === 'UNSUPPORTED_TOKENIZER' && e.field === 'normalizer.normalizers[1].type' && /Precompiled/.test(e.expected) && /"Fancy"/.test(e.message));
  assert.throws(() => normalizerFromJson({ type: 'Prepend' }, where), (e: any) => e.code === 'BAD_INPUT' && e.field === 'normalizer.prepend');
});
