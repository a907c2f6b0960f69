import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReportInput, loadStatRows } from '../../src/report/index.js';
import { PROVENANCE } from './fixtures.js';
import { toTidyCSV, toTidyJSON } from '../../src/tables/index.js';
import type { StatRow } from '../../src/tables/tidy.js';

const HEADER = 'tokenizer,corpus,language,metric,value,word_source';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-report-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('CSV: codes stay strings, empty and NaN values are missing (null), numbers parse', () => {
  const dir = folder({ 'stats.csv': `${HEADER}\nx,udhr,007,fertility,1.5,segmenter\nx,udhr,eng,fertility,NaN,gold\nx,udhr,hin,fertility,,segmenter\n` });
  const rows = loadStatRows(join(dir, 'stats.csv'));
  assert.deepEqual(rows.map((r) => [r.language, r.value, r.word_source]), [['007', 1.5, 'segmenter'], ['eng', null, 'gold'], ['hin', null, 'segmenter']]);
});

test('JSON: an array of rows or {rows}; NaN written as null stays missing', () => {
  const row = { tokenizer: 'x', corpus: 'udhr', language: 'eng', metric: 'premium', value: null, word_source: 'segmenter' };
  const dir = folder({ 'a.json': JSON.stringify([row]), 'b.json': JSON.stringify({ rows: [{ ...row, value: 2 }] }) });
  assert.equal(loadStatRows(join(dir, 'a.json'))[0]!.value, null);
  assert.equal(loadStatRows(join(dir, 'b.json'))[0]!.value, 2);
});

test('a bad row names file, line and field', () => {
  const dir = folder({ 'stats.csv': `${HEADER}\nx,udhr,eng,fertility,1,segmenter\nx,udhr,eng,fertilty,1,segmenter\n` });
  assert.throws(() => loadStatRows(join(dir, 'stats.csv')), (e: any) => e.code === 'BAD_INPUT' && e.line === 3 && e.field === 'metric' && /fertilty/.test(e.message));
  const dir2 = folder({ 'stats.csv': `${HEADER}\nx,udhr,eng,fertility,abc,segmenter\n` });
  assert.throws(() => loadStatRows(join(dir2, 'stats.csv')), (e: any) => e.line === 2 && e.field === 'value');
  const dir3 = folder({ 'stats.csv': 'tokenizer,language,value\nx,eng,1\n' });
  assert.throws(() => loadStatRows(join(dir3, 'stats.csv')), (e: any) => e.line === 1 && e.field === 'corpus');
});

test('a folder: stats table, provenance.json and examples.json beside it; metadata from the language table', () => {
  const dir = folder({
    'stats.csv': `${HEADER}\nx,udhr,eng,fertility,1.5,segmenter\nx,udhr,hin,fertility,3,segmenter\n`,
    'provenance.json': JSON.stringify(PROVENANCE),
    'examples.json': JSON.stringify([{ language: 'eng', tokenizer: 'x', text: 'a', tokens: [{ piece: 'a', kind: 0, start: 0, end: 1 }] }]),
  });
  const { input, files } = loadReportInput(dir, 'analyze report');
  assert.equal(files.stats, join(dir, 'stats.csv'));
  assert.deepEqual(input.provenance, PROVENANCE);
  assert.equal(input.examples?.length, 1);
  const eng = input.languages.find((l) => l.code === 'eng')!;
  // UDHR's coordinates for English (udhr package) and XGLM's tier T1 (data/languages.json).
  assert.equal(eng.name, 'English');
  assert.equal(eng.latitude, 53);
  assert.equal(eng.longitude, -1);
  assert.equal(eng.tier, 'T1');
  assert.equal(input.languages.find((l) => l.code === 'hin')!.script, 'Deva');
});

test('a folder with no table, or a broken provenance.json, is a BAD_INPUT error', () => {
  assert.throws(() => loadReportInput(folder({}), 'x'), (e: any) => e.code === 'BAD_INPUT' && e.field === 'input');
  const dir = folder({ 'stats.csv': `${HEADER}\n`, 'provenance.json': '{"version": 1}' });
  assert.throws(() => loadReportInput(dir, 'x'), (e: any) => e.code === 'BAD_INPUT' && e.file === join(dir, 'provenance.json'));
});

test('tables written by the tables stage (toTidyCSV, toTidyJSON) read back unchanged, NaN as null', () => {
  const rows: StatRow[] = [
    { tokenizer: 'spm:/m/a.model', corpus: 'udhr', language: '007', metric: 'fertility', value: 1.25, word_source: 'segmenter', value_low: 1.125, value_high: 1.5 },
    { tokenizer: 'spm:/m/a.model', corpus: 'udhr', language: 'eng', metric: 'premium', value: Number.NaN, word_source: 'gold' },
    { tokenizer: 'spm:/m/a.model', corpus: 'udhr', language: 'hin', metric: 'unk_rate', value: null, word_source: 'segmenter' },
  ];
  const dir = folder({ 'stats.csv': toTidyCSV(rows), 'stats.json': toTidyJSON(rows) });
  // The interval columns come back too, null where a row has none.
  const expected = rows.map((r) => ({ ...r, value: Number.isFinite(r.value) ? r.value : null, value_low: r.value_low ?? null, value_high: r.value_high ?? null }));
  assert.deepEqual(loadStatRows(join(dir, 'stats.json')), expected);
  assert.deepEqual(loadStatRows(join(dir, 'stats.csv')), expected);
});
