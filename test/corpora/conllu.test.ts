import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conlluLines } from '../../src/corpora/conllu.js';

const tok = (id: string, form: string): string => [id, form, '_', 'NOUN', '_', '_', '0', 'root', '_', '_'].join('\t');

test('conlluLines: blank lines break, text/sent_id comments named, ranges and empty nodes are not words', () => {
  const src = ['# sent_id = s1', '# text = del mar', '# other', tok('1-2', 'del'), tok('1', 'de'), tok('1.1', 'x'), '', tok('1', 'mar')].join('\r\n');
  const items = [...conlluLines(src, (m) => new Error(m))];
  assert.deepEqual(items.map((i) => [i.kind, i.line]), [['comment', 1], ['comment', 2], ['comment', 3], ['token', 4], ['token', 5], ['token', 6], ['break', 7], ['token', 8]]);
  assert.deepEqual(items.slice(0, 3).map((i) => (i.kind === 'comment' ? [i.name, i.value] : null)), [['sent_id', 's1'], ['text', 'del mar'], [undefined, undefined]]);
  assert.deepEqual(items.filter((i) => i.kind === 'token').map((i) => (i.kind === 'token' ? [i.cols[1], i.word] : null)), [['del', false], ['de', true], ['x', false], ['mar', true]]);
});

test('conlluLines: a token line without 10 columns goes to the caller\'s error with its line', () => {
  const src = `# c\n${tok('1', 'a')}\n2\tb\n`;
  assert.throws(() => [...conlluLines(src, (m, line) => new RangeError(`${line}: ${m}`))], { name: 'RangeError', message: '3: expected 10 tab-separated columns, found 2' });
});
