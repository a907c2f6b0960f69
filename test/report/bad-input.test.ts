import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTokenizationReport, renderTokenizationReport } from '../../src/report/index.js';
import type { StatRow } from '../../src/tables/tidy.js';
import { LANGUAGES, PROVENANCE, rowsA } from './fixtures.js';

const out = (): string => mkdtempSync(join(tmpdir(), 'tokgap-report-bad-'));

test('an empty table gives a valid report that says it is empty', async () => {
  const files = await renderTokenizationReport({ rows: [], languages: [], provenance: PROVENANCE }, out());
  const html = readFileSync(files.html, 'utf8');
  assert.match(html, /The statistics table is empty/);
  assert.match(html, /No rows\./);
  assert.match(html, /No languages to place\./);
  assert.deepEqual(Object.keys(files.specs), ['map']);
  assert.match(readFileSync(files.svgs.map!, 'utf8'), /^<svg /);
});

test('NaN and null for some languages: listed as missing, every chart still renders', async () => {
  const rows: StatRow[] = rowsA().map((r) => (r.language === 'rus' && r.metric === 'premium' ? { ...r, value: Number.NaN } : r));
  const files = await renderTokenizationReport({ rows, languages: LANGUAGES, provenance: PROVENANCE }, out());
  assert.deepEqual(Object.keys(files.svgs), ['fertility', 'premium', 'unk-rate', 'byte-fallback-rate', 'map']);
  const premium = JSON.parse(readFileSync(files.specs.premium!, 'utf8'));
  // swh has premium null and rus NaN (fixtures.ts): both listed; neither is a 0 in the data.
  assert.match(JSON.stringify(premium.title.subtitle), /No value \(not drawn\): Russian \(rus\), Swahili \(swh\)/);
  for (const v of premium.data.values.filter((d: { language: string }) => ['rus', 'swh'].includes(d.language))) assert.equal(v.value, null);
  const svg = readFileSync(files.svgs.premium!, 'utf8');
  assert.ok(!/>Russian \(rus\)</.test(svg), 'Russian has no bar label on the premium chart');
});

test('every metric missing for every language still renders (no bars, all listed)', async () => {
  const rows = rowsA().map((r) => ({ ...r, value: null }));
  const report = buildTokenizationReport({ rows, languages: LANGUAGES, provenance: PROVENANCE });
  const fertility = report.sections.find((s) => s.kind === 'chart' && s.id === 'fertility');
  assert.ok(fertility && fertility.kind === 'chart');
  assert.match(JSON.stringify((fertility.spec as any).title.subtitle), /English \(eng\).*Swahili \(swh\)/);
  await renderTokenizationReport({ rows, languages: LANGUAGES, provenance: PROVENANCE }, out());
});

test('a language without coordinates is left off the map and listed under it', () => {
  const report = buildTokenizationReport({ rows: rowsA(), languages: LANGUAGES, provenance: PROVENANCE });
  const map = report.sections.find((s) => s.kind === 'chart' && s.id === 'map');
  assert.ok(map && map.kind === 'chart');
  assert.equal(map.caption, 'Not on the map (no coordinates): Ancient Greek (grc).');
});

test('a language with no metadata at all is still charted under its code', () => {
  const rows: StatRow[] = [{ tokenizer: 't', corpus: 'c', language: 'qqq', metric: 'fertility', value: 2, word_source: 'gold' }];
  const report = buildTokenizationReport({ rows, languages: [], provenance: PROVENANCE });
  const map = report.sections.find((s) => s.kind === 'chart' && s.id === 'map');
  assert.equal(map?.kind === 'chart' ? map.caption : '', 'Not on the map (no coordinates): qqq.');
});

test('an unknown map metric is an error naming the choices', () => {
  assert.throws(
    () => buildTokenizationReport({ rows: rowsA(), languages: LANGUAGES, provenance: PROVENANCE }, { mapMetric: 'fertilty' }),
    (e: any) => e.code === 'BAD_INPUT' && e.field === 'metric' && /fertility/.test(e.expected),
  );
});

test('a stats CSV row with the wrong number of fields names its line', async () => {
  const { loadStatRows } = await import('../../src/report/load.js');
  const { writeFileSync } = await import('node:fs');
  const file = join(out(), 'stats.csv');
  writeFileSync(file, 'tokenizer,corpus,language,metric,value,word_source\nx,udhr,007,fertility,1.2,segmenter\nx,udhr,eng,fertility,segmenter\n');
  assert.throws(() => loadStatRows(file), (e: unknown) => e instanceof Error && /stats\.csv:3: row has 5 fields, the header has 6/.test(e.message));
  writeFileSync(file, 'tokenizer,corpus,language,metric,value,word_source\nx,udhr,007,fertility,1.2,segmenter\n');
  assert.equal(loadStatRows(file)[0]!.language, '007', 'codes stay strings');
});
