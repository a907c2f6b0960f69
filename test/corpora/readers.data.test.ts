import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCorpus } from '../../src/corpora/index.js';
import { parseConllu } from '../../src/corpora/conllu.js';
import { parseUdhrHtml } from '../../src/corpora/udhr.js';
import { dataPath } from '../helpers/shared.js';


test('FLORES: dev + devtest, line-aligned ids', () => {
  const flores = openCorpus(`flores:${dataPath('flores200')}`);
  assert.equal(flores.languages().length, 204);
  const en = flores.read('eng_Latn');
  assert.equal(en.segments.length, 997 + 1012);
  assert.equal(en.segments[0].id, 'dev:1');
  assert.equal(en.segments[997].id, 'devtest:1');
  assert.ok(en.segments[0].text.startsWith('On Monday, scientists from the Stanford University School of Medicine'));
  assert.equal(en.locale, 'eng-Latn');
});

test('UD PUD files: language from the file name, gold word source, sentence-aligned ids', () => {
  const ud = openCorpus(`ud:${dataPath('pos/ud_pud')}`);
  assert.ok(ud.languages().includes('en') && ud.languages().includes('de'));
  const en = ud.read('en');
  const de = ud.read('de');
  assert.equal(en.wordSource, 'gold');
  assert.equal(en.segments.length, 400);
  assert.equal(en.segments[0].id, de.segments[0].id);
});

test('XNLI / PAWS-X: both text fields of every row', () => {
  const xnli = openCorpus(`xnli:${dataPath('xnli')}`);
  assert.equal(xnli.languages().length, 15);
  const de = xnli.read('de');
  assert.equal(de.segments.length, 2 * (999 + 5010));
  assert.equal(de.segments[0].id, 'dev:1:premise');
  assert.equal(de.segments[1].id, 'dev:1:hypothesis');
  const pawsx = openCorpus(`pawsx:${dataPath('pawsx')}`);
  const p = pawsx.read('de');
  assert.ok(p.segments[0].text.startsWith('Durch die Zusammenlegung'));
  assert.equal(pawsx.parallel, false);
});
