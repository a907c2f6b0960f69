// Reports built from saved tables hash the model file of an spm: spec (same hash as sha256sum),
// say "packaged ranks" only for tiktoken, say why a missing file is not hashed, and prefer the
// hashes saved beside the statistics when they were counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenizerProvenance } from '../../src/report/tokenizer-files.js';
import { provenanceHtml } from '../../src/report/provenance.js';
import { goldenPath } from '../helpers/shared.js';

const model = goldenPath('udhr-unigram-8k.model');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('spm: the model file with its SHA-256; tiktoken: packaged ranks; a missing file: why there is no hash', async () => {
  const [spm, tiktoken, missing] = await tokenizerProvenance([`spm:${model}`, 'tiktoken:o200k_base', 'spm:/nonexistent/x.model']);
  assert.deepEqual(spm, { spec: `spm:${model}`, files: [{ path: model, sha256: sha256(model) }] });
  assert.deepEqual(tiktoken, { spec: 'tiktoken:o200k_base', files: [], note: 'no files: packaged ranks' });
  assert.equal(missing!.files.length, 0);
  assert.match(missing!.note!, /model files not found here, so not hashed.*\/nonexistent\/x\.model/);
  const html = provenanceHtml({ version: '0', date: 'd', command: 'c', tokenizers: [spm!, tiktoken!, missing!] }, {});
  assert.ok(html.includes(sha256(model)));
  assert.equal(html.match(/packaged ranks/g)?.length, 1);
});

test('hashes saved in provenance.json beside the statistics come first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-prov-'));
  const stats = join(dir, 'tokenization.csv');
  writeFileSync(stats, '');
  const saved = { spec: 'spm:elsewhere.model', files: [{ path: '/when/counted/elsewhere.model', sha256: 'ab'.repeat(32) }] };
  writeFileSync(join(dir, 'provenance.json'), JSON.stringify({ version: '0', date: 'd', command: 'c', tokenizers: [saved] }));
  assert.deepEqual(await tokenizerProvenance(['spm:elsewhere.model'], { statsFile: stats }), [saved]);
});
