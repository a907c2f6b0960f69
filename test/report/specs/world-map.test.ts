import { test } from 'node:test';
import assert from 'node:assert/strict';
import { worldMapSpec } from '../../../src/report/index.js';
import { LANGUAGES, rowsAB } from '../fixtures.js';
import { drawnItems, renderView } from '../helpers.js';

test('world map: countries from the inlined atlas, one circle per language with coordinates', async () => {
  const spec = worldMapSpec(rowsAB(), LANGUAGES, { metric: 'fertility' }) as any;
  assert.equal(spec.projection.type, 'equalEarth');
  const countries = spec.layer[0];
  assert.equal(countries.data.format.type, 'topojson');
  assert.equal(countries.data.format.feature, 'countries');
  assert.equal(countries.data.values.type, 'Topology');
  assert.ok(!JSON.stringify(spec).includes('"url"'), 'no data is fetched from a URL');
  assert.equal(spec.layer[2].encoding.color.field, 'value');
  assert.match(spec.layer[2].encoding.color.title, /tokens per word/);

  const view = await renderView(spec);
  // 177 countries in Natural Earth 1:110m as shipped by world-atlas.
  assert.ok(drawnItems(view, 'shape').length > 150);
  const circles = drawnItems(view, 'symbol');
  // First tokenizer (spm-a): eng, rus, hin, swh coloured; tha (NaN) hollow; grc has no coordinates.
  assert.deepEqual(circles.map((d) => d.language).sort(), ['eng', 'hin', 'rus', 'swh', 'tha']);
  assert.equal(circles.find((d) => d.language === 'tha')!.value, null);
  view.finalize();
});

test('world map: a language without coordinates is left off and named in the subtitle', () => {
  const spec = worldMapSpec(rowsAB(), LANGUAGES, { metric: 'fertility', tokenizer: 'spm-b' }) as any;
  assert.match(JSON.stringify(spec.title.subtitle), /Not on the map \(no coordinates\): Ancient Greek \(grc\)/);
  assert.match(JSON.stringify(spec.title.subtitle), /tokenizer spm-b/);
  const placed = spec.data.values.map((d: { language: string }) => d.language);
  assert.ok(!placed.includes('grc'));
});
