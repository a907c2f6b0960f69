// `analyze report --input DIR` reads overlap.csv beside the table and draws its heatmap; a JSD
// outside [0, 1] is an error naming file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReportInput, buildTokenizationReport } from '../../src/report/index.js';
import { loadOverlapRows } from '../../src/report/load.js';

function folder(overlap: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-load-overlap-'));
  writeFileSync(join(dir, 'tokenization.csv'), ['tokenizer,corpus,language,metric,value,word_source', ...['eng', 'deu', 'fra'].map((l) => `t,udhr,${l},fertility,1.5,segmenter`)].join('\n'));
  writeFileSync(join(dir, 'overlap.csv'), overlap);
  return dir;
}

test('overlap.csv beside the table becomes the clustered heatmap', () => {
  const dir = folder('tokenizer,language_a,language_b,jsd\nt,eng,deu,0.4\nt,eng,fra,0.3\nt,deu,fra,\n');
  const { input, files } = loadReportInput(dir, 'analyze report');
  assert.equal(files.overlap, join(dir, 'overlap.csv'));
  assert.deepEqual(input.overlap?.map((r) => r.jsd), [0.4, 0.3, null]);
  const report = buildTokenizationReport(input);
  const chart = report.sections.find((s) => s.kind === 'chart' && s.id === 'overlap-1');
  assert.ok(chart && chart.kind === 'chart');
  assert.equal((chart.spec as { data: { values: unknown[] } }).data.values.length, 9);
});

test('a JSD outside [0, 1] or a missing column names the line', () => {
  assert.throws(() => loadOverlapRows(join(folder('tokenizer,language_a,language_b,jsd\nt,eng,deu,0.4\nt,eng,fra,1.5\n'), 'overlap.csv')), (e: Error & { line?: number; field?: string }) => e.line === 3 && e.field === 'jsd');
  assert.throws(() => loadOverlapRows(join(folder('tokenizer,language_a,jsd\nt,eng,0.4\n'), 'overlap.csv')), /missing column "language_b"/);
});
