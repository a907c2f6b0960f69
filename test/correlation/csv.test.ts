import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, toCsv } from '../../src/correlation/csv.js';

test('RFC 4180: quotes, doubled quotes, embedded newlines, CRLF; line numbers of records', () => {
  const text = 'a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\r\n\r\nlast,3';
  const { header, records } = parseCsv(text);
  assert.deepEqual(header, ['a', 'b']);
  assert.deepEqual(records.map((r) => r.values), [{ a: 'x, y', b: 'say "hi"' }, { a: 'multi\nline', b: '2' }, { a: 'last', b: '3' }]);
  assert.deepEqual(records.map((r) => r.line), [2, 3, 6]);
});

test('toCsv round-trips and writes NaN/undefined as empty cells', () => {
  const rows = [{ m: 'a,b', v: 1.5 }, { m: 'q"', v: NaN }];
  const csv = toCsv(rows, ['m', 'v']);
  assert.equal(csv, 'm,v\n"a,b",1.5\n"q""",\n');
  assert.deepEqual(parseCsv(csv).records.map((r) => r.values), [{ m: 'a,b', v: '1.5' }, { m: 'q"', v: '' }]);
});
