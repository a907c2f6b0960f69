import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromConllu } from '../../src/datasets/conllu.js';
import { fromHeaderTsv, fromPairTsv, fromXnliJsonl } from '../../src/datasets/pairs.js';
import { fromTaggedTsv } from '../../src/datasets/tagged.js';
import { NER_TAGS, PAWSX_LABELS, UPOS_TAGS, XNLI_LABELS } from '../../src/datasets/types.js';
import { isTokgapError } from '../../src/errors.js';

function expectError(fn: () => unknown, file: string, line: number, field?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isTokgapError(e), 'a TokgapError');
    assert.equal(e.code, 'DATASET_FORMAT');
    assert.equal(e.file, file);
    assert.equal(e.line, line);
    if (field !== undefined) assert.equal(e.field, field);
    assert.match(e.message, new RegExp(`^${file}:${line}: `));
    return true;
  });
}

test('pair TSV: wrong column count and unknown label name file and line', () => {
  expectError(() => fromPairTsv('a\tb\tneutral\na\tb\n', 'x.tsv', XNLI_LABELS), 'x.tsv', 2);
  expectError(() => fromPairTsv('a\tb\tneutral\n\na\tb\tmaybe\n', 'x.tsv', XNLI_LABELS), 'x.tsv', 3, 'label');
  expectError(() => fromPairTsv('a\tb\t2\n', 'p.tsv', PAWSX_LABELS), 'p.tsv', 1, 'label');
});

test('header TSV: missing column and bad label', () => {
  expectError(() => fromHeaderTsv('id\ts1\ts2\tlabel\n', 'p.tsv', PAWSX_LABELS, { sentence1: 'sentence1', sentence2: 's2', label: 'label' }), 'p.tsv', 1, 'sentence1');
  expectError(() => fromHeaderTsv('id\tsentence1\tsentence2\tlabel\n1\ta\tb\tyes\n', 'p.tsv', PAWSX_LABELS, { sentence1: 'sentence1', sentence2: 'sentence2', label: 'label' }), 'p.tsv', 2, 'label');
});

test('XNLI jsonl: broken JSON and missing field', () => {
  expectError(() => fromXnliJsonl('{"sentence1":"a"', 'x.jsonl', XNLI_LABELS), 'x.jsonl', 1);
  expectError(() => fromXnliJsonl('{"sentence1":"a","sentence2":"b","gold_label":"neutral"}\n{"sentence1":"a","gold_label":"neutral"}', 'x.jsonl', XNLI_LABELS), 'x.jsonl', 2, 'sentence2');
});

test('tagged TSV: three columns, tag outside the set, missing language prefix', () => {
  expectError(() => fromTaggedTsv('a\tO\nb\tO\tx\n', 'n.tsv', NER_TAGS), 'n.tsv', 2);
  expectError(() => fromTaggedTsv('a\tO\n\nb\tB-MISC\n', 'n.tsv', NER_TAGS), 'n.tsv', 3, 'tag');
  expectError(() => fromTaggedTsv('en:a\tO\nb\tO\n', 'w.iob', NER_TAGS, { languagePrefix: 'en' }), 'w.iob', 2, 'token');
});

test('CoNLL-U: short line and unknown UPOS', () => {
  expectError(() => fromConllu('# c\n1\ta\ta\tNOUN\n', 'u.conllu', UPOS_TAGS), 'u.conllu', 2);
  expectError(() => fromConllu('1\ta\ta\tNOUNX\t_\t_\t0\troot\t_\t_\n', 'u.conllu', UPOS_TAGS), 'u.conllu', 1, 'UPOS');
});

test('a data file that is not valid UTF-8 is an error naming the file and line, not silently U+FFFD', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { loadTaskData } = await import('../../src/datasets/load.js');
  const root = mkdtempSync(join(tmpdir(), 'tokgap-utf8-'));
  try {
    const dir = join(root, 'panx', 'de');
    mkdirSync(dir, { recursive: true });
    const good = Buffer.from('Berlin\tB-LOC\n\n', 'utf8');
    const bad = Buffer.concat([Buffer.from('Köln\tB-LOC\n', 'utf8'), Buffer.from([0x4d, 0xfc, 0x6e, 0x09, 0x4f, 0x0a])]);
    for (const split of ['train', 'dev']) writeFileSync(join(dir, `${split}.tsv`), good);
    writeFileSync(join(dir, 'test.tsv'), bad);
    await assert.rejects(loadTaskData('ner', 'de', { dataDir: root }), (e: unknown) => {
      assert.ok(isTokgapError(e));
      assert.equal(e.code, 'BAD_INPUT');
      assert.equal(e.file, join(dir, 'test.tsv'));
      assert.equal(e.line, 2);
      return true;
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
