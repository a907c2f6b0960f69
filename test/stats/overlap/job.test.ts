// The tokenization job writes overlap and allocation tables beside the tidy table, lists them in
// its output manifest, and fills the cross-language metrics of the tidy rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTokenization } from '../../../src/stats/index.js';
import { readOutputManifest } from '../../../src/util/output-set.js';
import { goldenPath } from '../../helpers/shared.js';

const unigram = `spm:${goldenPath('udhr-unigram-8k.model')}`;

test('overlap.csv, allocation.csv and the owned_share / jsd_english / mean_jsd rows', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'tokgap-overlap-'));
  const r = await analyzeTokenization({ tokenizers: [unigram], corpus: 'udhr', langs: 'de,fr,ja', outDir, formats: ['csv', 'json'], workers: 0, resume: false });
  const overlap = readFileSync(join(outDir, 'overlap.csv'), 'utf8').trim().split('\n');
  assert.equal(overlap[0], 'tokenizer,language_a,language_b,jsd');
  assert.deepEqual(overlap.slice(1).map((l) => l.split(',').slice(1, 3).join(' ')), ['deu_1996 fra', 'deu_1996 jpn', 'fra jpn']);
  const allocation = readFileSync(join(outDir, 'allocation.csv'), 'utf8').trim().split('\n');
  assert.equal(allocation[0], 'tokenizer,language,used_ids,owned_ids,owned_share,vocab_share');
  assert.equal(allocation.length, 4);
  const shares = allocation.slice(1).map((l) => Number(l.split(',')[4]));
  assert.ok(Math.abs(shares.reduce((s, v) => s + v, 0) - 1) < 1e-12);
  assert.deepEqual(r.overlapFiles, { overlap: { csv: join(outDir, 'overlap.csv'), json: join(outDir, 'overlap.json') }, allocation: { csv: join(outDir, 'allocation.csv'), json: join(outDir, 'allocation.json') } });
  for (const f of ['overlap.csv', 'allocation.csv', 'overlap.json', 'allocation.json']) assert.ok(readOutputManifest(outDir).includes(f), f);

  const o = r.overlap[0]!;
  const value = (language: string, metric: string) => r.rows.find((row) => row.language === language && row.metric === metric)!.value;
  for (const l of ['deu_1996', 'fra', 'jpn']) {
    assert.equal(value(l, 'owned_share'), o.allocation.find((a) => a.language === l)!.owned_share);
    // English is counted as the premium reference (no rows of its own) and serves jsd_english too.
    assert.ok(value(l, 'jsd_english')! > 0 && value(l, 'jsd_english')! < 1, l);
  }
  // German and French share more of their vocabulary with each other than either with Japanese.
  assert.ok(o.jsd[1]! < o.jsd[2]! && o.jsd[1]! < o.jsd[5]!);
  assert.equal(value('fra', 'mean_jsd'), (o.jsd[3]! + o.jsd[5]!) / 2);
});
