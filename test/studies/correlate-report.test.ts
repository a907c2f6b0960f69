// The correlation report: raw counts are left out of the default metric set (and the report says
// so), scatter panels name task, tokenizer and target, tick labels are short, and the provenance
// header hashes the spm: model file and both input files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correlateFiles } from '../../src/report/correlate-files.js';
import { compactAxisFormat } from '../../src/report/specs/correlation.js';
import { goldenPath } from '../helpers/shared.js';
import { writeCorrelationFixture as writeFixture } from '../helpers/correlation-fixture.js';

const model = goldenPath('udhr-unigram-8k.model');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('default metrics leave out raw counts; the report says so and hashes every file it used', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-corr-report-'));
  const { stats, results } = writeFixture(dir);
  const out = join(dir, 'out');
  const { analysis } = await correlateFiles({ stats, results, outDir: out, bootstrap: 200, targets: ['gap'] });
  assert.deepEqual([...new Set(analysis.correlations.map((c) => c.metric))], ['fertility', 'jsd_english']);
  assert.deepEqual(analysis.metricsLeftOut, ['tokens', 'bytes']);
  const html = readFileSync(join(out, 'correlation.html'), 'utf8');
  assert.match(html, /Raw counts \(tokens, bytes\) are not correlated by default/);
  assert.ok(html.includes(sha256(model)), 'the spm model file is hashed');
  assert.doesNotMatch(html, /packaged ranks/);
  assert.ok(html.includes(sha256(stats)) && html.includes(sha256(results)), 'both inputs are hashed');

  // Asked for by name, a raw count is correlated; panel titles name task, tokenizer and target.
  const asked = await correlateFiles({ stats, results, outDir: join(dir, 'asked'), bootstrap: 200, targets: ['gap'], metrics: ['tokens'] });
  assert.deepEqual(asked.analysis.metricsLeftOut, []);
  const scatter = JSON.parse(readFileSync(join(dir, 'asked', 'correlation-scatter-tokens.vl.json'), 'utf8')) as { concat: { title: { text: string }; layer: { encoding: { x: { axis: { format: string; tickCount: number } } } }[] }[] };
  assert.equal(scatter.concat[0]!.title.text, 'pos · udhr-unigram-8k · gap (PT − FT)');
  assert.deepEqual(scatter.concat[0]!.layer[0]!.encoding.x.axis.format, '~r');
  assert.equal(scatter.concat[0]!.layer[0]!.encoding.x.axis.tickCount, 4);
});

test('compact axis formats: SI prefixes from 10,000 up, shortest plain form below', () => {
  assert.equal(compactAxisFormat([1800, 2040]), '~r');
  assert.equal(compactAxisFormat([52_000, 376_000]), '.3~s');
  assert.equal(compactAxisFormat([0.2, 0.5, Number.NaN]), '~r');
});
