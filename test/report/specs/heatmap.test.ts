import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatmapSpec } from '../../../src/report/index.js';
import { LANGUAGES, rowsAB } from '../fixtures.js';
import { drawnItems, renderView } from '../helpers.js';

// Means over spm-a and spm-b (fixtures.ts): hin 4.125 (a only), grc 2.7, rus 2.25, swh 1.575,
// eng 1.125; tha has no value under either and goes last.
const ORDER = ['Hindi (hin)', 'Ancient Greek (grc)', 'Russian (rus)', 'Swahili (swh)', 'English (eng)', 'Thai (tha)'];

test('heatmap: tokenizer × language, languages by mean value, value printed in the cell', () => {
  const spec = heatmapSpec(rowsAB(), LANGUAGES, { metric: 'fertility' }) as any;
  assert.equal(spec.encoding.x.field, 'tokenizer_label');
  assert.equal(spec.encoding.y.field, 'label');
  assert.deepEqual(spec.encoding.y.sort, ORDER);
  const colour = spec.layer[1];
  assert.equal(colour.encoding.color.field, 'value');
  assert.equal(colour.encoding.color.title, 'Fertility (tokens per word)');
  assert.equal(spec.layer[2].encoding.text.field, 'value_text');
});

test('heatmap: every cell is drawn; cells without a value are grey and say missing', async () => {
  const spec = heatmapSpec(rowsAB(), LANGUAGES, { metric: 'fertility' });
  const view = await renderView(spec);
  const cells = drawnItems(view, 'rect');
  assert.equal(cells.length, 12);
  const texts = drawnItems(view, 'text');
  const missing = texts.filter((d) => d.value_text === 'missing').map((d) => `${d.language}/${d.tokenizer}`).sort();
  assert.deepEqual(missing, ['hin/spm-b', 'tha/spm-a', 'tha/spm-b']);
  assert.equal(texts.find((d) => d.language === 'grc' && d.tokenizer === 'spm-b')!.value_text, '2.400');
  assert.deepEqual(view.scale('y').domain(), ORDER);
  view.finalize();
});
