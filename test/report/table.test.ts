import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricsTable } from '../../src/report/index.js';
import { tableHtml } from '../../src/report/table.js';
import { LANGUAGES, PROVENANCE, rowsAB } from './fixtures.js';

test('the metrics table has a column per metric and prints values as tooltips do', () => {
  const table = metricsTable({ rows: rowsAB(), languages: LANGUAGES, provenance: PROVENANCE });
  assert.deepEqual(
    table.columns.map((c) => c.key),
    ['tokenizer', 'language', 'name', 'script', 'tier', 'tokens', 'fertility', 'unk_rate', 'byte_fallback_rate', 'premium'],
  );
  assert.equal(table.rows.length, 12);
  const html = tableHtml(table);
  // tha under spm-a: fertility NaN → missing cell that sorts last (empty sort key).
  assert.match(html, /<td data-v="tha">tha<\/td><td data-v="Thai">Thai<\/td><td data-v="Thai">Thai<\/td><td data-v="T3">T3<\/td><td class="num" data-v="500">500<\/td><td class="num missing" data-v="">missing<\/td><td class="num" data-v="0.0125">1.25%<\/td>/);
  assert.match(html, /<th data-col="6" data-numeric="1" aria-sort="none"><button type="button">Fertility<\/button><span class="unit">tokens per word<\/span><\/th>/);
});

test('an empty table says so', () => {
  const html = tableHtml({ kind: 'table', id: 't', columns: [{ key: 'a', label: 'A' }], rows: [] });
  assert.match(html, /No rows\./);
});
