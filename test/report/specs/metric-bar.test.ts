import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fertilityBarSpec, metricBarSpec } from '../../../src/report/index.js';
import { LANGUAGES, rowsA, rowsAB } from '../fixtures.js';
import { dataValues, drawnItems, renderView } from '../helpers.js';

test('fertility bars: fields, units, colour by script and a tooltip with every metric', () => {
  const spec = fertilityBarSpec(rowsA(), LANGUAGES) as any;
  const bars = spec.layer[0];
  assert.equal(bars.mark.type, 'bar');
  assert.equal(bars.encoding.y.field, 'label');
  assert.equal(bars.encoding.y.sort, '-x');
  assert.equal(bars.encoding.x.field, 'value');
  assert.equal(bars.encoding.x.title, 'Fertility (tokens per word)');
  assert.equal(bars.encoding.color.field, 'script');
  assert.deepEqual(bars.encoding.color.scale.domain, ['Cyrl', 'Deva', 'Grek', 'Latn', 'Thai']);
  const tips = bars.encoding.tooltip.map((t: { title: string }) => t.title);
  assert.deepEqual(tips, ['Language', 'Code', 'Other codes', 'Script', 'Resource tier', 'Tokens', 'Fertility', 'Unknown-token rate', 'Byte-fallback rate', 'Premium vs English']);
  const byTier = metricBarSpec(rowsA(), LANGUAGES, { metric: 'fertility', colorBy: 'tier' }) as any;
  assert.equal(byTier.layer[0].encoding.color.field, 'tier');
  assert.deepEqual(byTier.layer[0].encoding.color.scale.domain, ['T1', 'T3', 'T4', 'not in XGLM']);
});

test('fertility bars are drawn largest first; the NaN language is listed, not drawn as 0', async () => {
  const spec = fertilityBarSpec(rowsA(), LANGUAGES);
  // Hand order from fixtures.ts: hin 4.125 > grc 3 > rus 2.5 > swh 1.75 > eng 1.25; tha NaN.
  const expected = ['Hindi (hin)', 'Ancient Greek (grc)', 'Russian (rus)', 'Swahili (swh)', 'English (eng)'];
  const values = dataValues(spec);
  assert.deepEqual(values.map((v) => v.label), [...expected, 'Thai (tha)']);
  const tha = values.find((v) => v.language === 'tha')!;
  assert.equal(tha.value, null);
  assert.equal(tha.fertility_text, 'missing');
  assert.match(JSON.stringify((spec as any).title.subtitle), /No value \(not drawn\): Thai \(tha\)/);

  const view = await renderView(spec);
  assert.deepEqual(view.scale('y').domain(), expected);
  const bars = drawnItems(view, 'rect');
  assert.deepEqual(bars.map((d) => d.label).sort(), [...expected].sort());
  assert.deepEqual(bars.map((d) => d.value).sort(), [1.25, 1.75, 2.5, 3, 4.125]);
  view.finalize();
});

test('premium gets a reference rule at parity and percent metrics an axis in %', () => {
  const premium = metricBarSpec(rowsA(), LANGUAGES, { metric: 'premium' }) as any;
  assert.equal(premium.layer[1].mark.type, 'rule');
  assert.equal(premium.layer[1].encoding.x.datum, 1);
  const unk = metricBarSpec(rowsA(), LANGUAGES, { metric: 'unk_rate' }) as any;
  assert.equal(unk.layer[0].encoding.x.axis.format, '.1%');
  assert.equal(unk.layer[0].encoding.x.title, 'Unknown-token rate (% of tokens)');
  // Thai's 0.0125 prints as the table prints it.
  assert.equal(dataValues(unk).find((v) => v.language === 'tha')!.unk_rate_text, '1.25%');
});

test('several tokenizers: one column each, each sorted on its own', async () => {
  const spec = metricBarSpec(rowsAB(), LANGUAGES, { metric: 'fertility' }) as any;
  assert.equal(spec.facet.column.field, 'tokenizer_label');
  assert.equal(spec.resolve.scale.y, 'independent');
  assert.match(JSON.stringify(spec.title.subtitle), /Hindi \(hin\) \[spm-b\]/);
  const view = await renderView(spec);
  const bars = drawnItems(view, 'rect');
  // spm-a: 5 bars (tha missing); spm-b: 4 (hin null, tha NaN).
  assert.equal(bars.filter((d) => d.tokenizer === 'spm-a').length, 5);
  assert.deepEqual(bars.filter((d) => d.tokenizer === 'spm-b').map((d) => d.value).sort(), [1, 1.4, 2, 2.4]);
  view.finalize();
});

test('a tokenizer that never computed a metric is left out of that chart', () => {
  const spec = metricBarSpec(rowsAB(), LANGUAGES, { metric: 'premium' }) as any;
  assert.equal(spec.facet, undefined);
  assert.ok(dataValues(spec).every((v) => v.tokenizer === 'spm-a'));
});
