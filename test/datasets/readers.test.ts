import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromConllu } from '../../src/datasets/conllu.js';
import { fromHeaderTsv, fromPairTsv, fromXnliJsonl } from '../../src/datasets/pairs.js';
import { fromTaggedTsv } from '../../src/datasets/tagged.js';
import { NER_TAGS, PAWSX_LABELS, UPOS_TAGS, XNLI_LABELS } from '../../src/datasets/types.js';


test('CoNLL-U: range and empty-node lines are not words', () => {
  const text = [
    '# text = vámonos al mar',
    '1-2\tvámonos\t_\t_\t_\t_\t_\t_\t_\t_',
    '1\tvamos\tir\tVERB\t_\t_\t0\troot\t_\t_',
    '2\tnos\tnosotros\tPRON\t_\t_\t1\tobj\t_\t_',
    '2.1\tx\tx\t_\t_\t_\t_\t_\t_\t_',
    '3-4\tal\t_\t_\t_\t_\t_\t_\t_\t_',
    '3\ta\ta\tADP\t_\t_\t5\tcase\t_\t_',
    '4\tel\tel\tDET\t_\t_\t5\tdet\t_\t_',
    '5\tmar\tmar\tNOUN\t_\t_\t1\tobl\t_\t_',
    '',
  ].join('\n');
  const [s] = fromConllu(text, 'x.conllu', UPOS_TAGS);
  assert.deepEqual(s!.words, ['vamos', 'nos', 'a', 'el', 'mar']);
  assert.deepEqual(s!.tags, ['VERB', 'PRON', 'ADP', 'DET', 'NOUN']);
});

test('official formats: XNLI jsonl and tsv with header, PAWS-X tsv with header, WikiANN prefixes', () => {
  const jsonl = [
    JSON.stringify({ sentence1: 'a', sentence2: 'b', gold_label: 'neutral', language: 'en' }),
    JSON.stringify({ sentence1: 'c', sentence2: 'd', gold_label: 'entailment', language: 'de' }),
  ].join('\n');
  assert.deepEqual(fromXnliJsonl(jsonl, 'x.jsonl', XNLI_LABELS, 'de'), [
    { sentence1: 'c', sentence2: 'd', label: 'entailment', line: 2 },
  ]);
  const xnliTsv = 'language\tgold_label\tsentence1\tsentence2\nen\tcontradiction\tp\th\nfr\tneutral\tq\ti\n';
  assert.deepEqual(
    fromHeaderTsv(xnliTsv, 'x.tsv', XNLI_LABELS, { sentence1: 'sentence1', sentence2: 'sentence2', label: 'gold_label' }, 'en'),
    [{ sentence1: 'p', sentence2: 'h', label: 'contradiction', line: 2 }],
  );
  const paws = 'id\tsentence1\tsentence2\tlabel\n1\tx y\ty x\t1\n2\tu\tv\t0\n';
  const rows = fromHeaderTsv(paws, 'p.tsv', PAWSX_LABELS, { sentence1: 'sentence1', sentence2: 'sentence2', label: 'label' });
  assert.deepEqual(rows.map((r) => r.label), ['1', '0']);
  const wikiann = 'en:London\tB-LOC\nen:is\tO\n\nen:Bob\tB-PER\n';
  const s = fromTaggedTsv(wikiann, 'w.iob', NER_TAGS, { languagePrefix: 'en' });
  assert.deepEqual(s.map((x) => x.words), [['London', 'is'], ['Bob']]);
  assert.deepEqual(s.map((x) => x.line), [1, 4]);
});
