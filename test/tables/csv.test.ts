import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, toCsv } from '../../src/tables/csv.js';

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

test('quoted and escaped fields match hand-written rows', () => {
  const text = '\uFEFFname,note\n"a ""quoted"" word","x,y"\n"","line1\r\nline2"\nplain,""""\n';
  const { header, records } = parseCsv(text);
  assert.deepEqual(header, ['name', 'note']);
  assert.deepEqual(records.map((r) => [r.line, r.values]), [
    [2, { name: 'a "quoted" word', note: 'x,y' }],
    [3, { name: '', note: 'line1\r\nline2' }],
    [5, { name: 'plain', note: '"' }],
  ]);
});

test('an unterminated quote is an error naming the file and the line it opened on, not a swallowed rest of file', () => {
  const text = 'a,b\n1,2\n3,"open\n4,5\n6,7\n';
  assert.throws(() => parseCsv(text, 't.csv'), (e: Error & { line?: number; file?: string }) => {
    assert.match(e.message, /^t\.csv:3: unterminated quote/);
    assert.equal(e.line, 3);
    assert.equal(e.file, 't.csv');
    return true;
  });
});

test('a stray quote is an error naming the file and line, not a merged field', () => {
  assert.throws(() => parseCsv('a,b\n1,2\n"x"y,3\n', 't.csv'), (e: Error & { line?: number }) => {
    assert.match(e.message, /^t\.csv:3: stray quote/);
    assert.equal(e.line, 3);
    return true;
  });
  assert.throws(() => parseCsv('a,b\nx"y,3\n', 't.csv'), { message: /^t\.csv:2: stray quote/ });
});

test('a row with the wrong number of fields keeps its message and line', () => {
  assert.throws(() => parseCsv('a,b\n1,2\n\n3\n', 't.csv'), { message: /^t\.csv:4: row has 1 field, the header has 2/ });
});
