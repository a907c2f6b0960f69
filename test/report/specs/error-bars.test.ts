import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from 'vega-lite';
import { metricBarSpec } from '../../../src/report/index.js';
import { buildTokenizationReport } from '../../../src/report/tokenization.js';
import type { StatRow } from '../../../src/tables/tidy.js';
import { LANGUAGES, rowsA, rowsAB } from '../fixtures.js';
import { drawnItems, renderView } from '../helpers.js';

/** rowsA with a hand interval of ±0.25 on every fertility of `spm-a` except Russian's (none). */
function withIntervals(rows: StatRow[]): StatRow[] {
  return rows.map((r) =>
    r.metric === 'fertility' && r.tokenizer === 'spm-a' && r.value !== null && Number.isFinite(r.value) && r.language !== 'rus'
      ? { ...r, value_low: r.value - 0.25, value_high: r.value + 0.25 }
      : r,
  );
}

test('error bars: one whisker per language with an interval, from value_low to value_high; order unchanged', async () => {
  const spec = metricBarSpec(withIntervals(rowsA()), LANGUAGES, { metric: 'fertility' }) as any;
  const whiskers = spec.layer[spec.layer.length - 1];
  assert.equal(whiskers.mark.type, 'rule');
  assert.deepEqual([whiskers.encoding.x.field, whiskers.encoding.x2.field], ['value_low', 'value_high']);
  assert.match(JSON.stringify(spec.title.subtitle), /95% bootstrap interval/);
  const warnings: string[] = [];
  compile(spec, { logger: { warn: (...a: unknown[]) => warnings.push(a.join(' ')), info() {}, debug() {}, error() {}, level() { return this; } } as any });
  assert.deepEqual(warnings, [], 'the layers\' y domains union without a sort conflict');
  const view = await renderView(spec);
  assert.deepEqual(view.scale('y').domain(), ['Hindi (hin)', 'Ancient Greek (grc)', 'Russian (rus)', 'Swahili (swh)', 'English (eng)']);
  const rules = drawnItems(view, 'rule').filter((d) => d.value_low !== undefined);
  // Russian has no interval and Thai no value: four whiskers.
  assert.deepEqual(rules.map((d) => d.language).sort(), ['eng', 'grc', 'hin', 'swh']);
  const hin = rules.find((d) => d.language === 'hin')!;
  assert.deepEqual([hin.value_low, hin.value_high, hin.interval_text], [3.875, 4.375, '3.875 – 4.375']);
  view.finalize();
});

test('without intervals the chart has no whiskers; side by side tokenizers keep their own order', async () => {
  const plain = metricBarSpec(rowsA(), LANGUAGES, { metric: 'fertility' }) as any;
  assert.equal(plain.layer.length, 1);
  assert.equal(plain.layer[0].encoding.y.sort, '-x');
  const both = metricBarSpec(withIntervals(rowsAB()), LANGUAGES, { metric: 'fertility' }) as any;
  assert.equal(both.spec.layer.length, 2);
  const view = await renderView(both);
  assert.equal(drawnItems(view, 'rule').filter((d) => d.value_low !== undefined && d.value_low !== null).length, 4);
  view.finalize();
});

test('the report opens with the fairness summary', () => {
  const report = buildTokenizationReport({ rows: rowsA(), languages: LANGUAGES, provenance: { version: '0', date: '', command: 'x', tokenizers: [] } as any });
  const section = report.sections[1]!;
  assert.equal(section.kind, 'html');
  assert.equal(section.title, 'Fairness across languages');
  const html = (section as { html: string }).html;
  // Premiums eng 1, rus 2, hin 3.3, tha 5, grc 2.4 (swh none): largest Thai, smallest English,
  // 3 of 5 above 2×; Gini: the 10 pairwise gaps of [1, 2, 2.4, 3.3, 5] sum to 18.6, over n²x̄ = 68.5;
  // fertilities 1.25, 2.5, 4.125, 3, 1.75 → median 2.5.
  assert.match(html, />0\.272</);
  assert.match(html, /5\.000 \(Thai \(tha\)\)/);
  assert.match(html, /1\.000 \(English \(eng\)\)/);
  assert.match(html, />60\.0%</);
  assert.match(html, />2\.500</);
});
