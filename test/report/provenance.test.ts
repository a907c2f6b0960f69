import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, makeProvenance, tokgapVersion } from '../../src/report/index.js';
import { goldenPath } from '../helpers/shared.js';

test('hashFile gives the FIPS 180-2 SHA-256 of "abc"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-hash-'));
  const file = join(dir, 'abc.txt');
  writeFileSync(file, 'abc');
  assert.equal(await hashFile(file), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('hashFile agrees with sha256sum on a SentencePiece model, and provenance carries it', async () => {
  const model = goldenPath('udhr-unigram-8k.model');
  const expected = execFileSync('sha256sum', [model], { encoding: 'utf8' }).split(' ')[0];
  const p = await makeProvenance({ command: 'analyze x', tokenizers: [{ spec: `spm:${model}`, files: [model] }], date: new Date(0) });
  assert.equal(p.tokenizers[0]!.files[0]!.sha256, expected);
  assert.equal(p.date, '1970-01-01T00:00:00.000Z');
  assert.equal(p.version, tokgapVersion());
  assert.match(p.version, /^\d+\.\d+\.\d+/);
});

test('hashing a missing file is a NOT_FOUND error naming it', async () => {
  await assert.rejects(hashFile('/nonexistent/x.model'), (e: any) => e.code === 'NOT_FOUND' && e.file === '/nonexistent/x.model');
});
