import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCorpus } from '../../src/corpora/index.js';
import { parseConllu } from '../../src/corpora/conllu.js';
import { parseUdhrHtml } from '../../src/corpora/udhr.js';

test('UDHR: English has the preamble and 30 articles, aligned by article number', () => {
  const udhr = openCorpus('udhr');
  assert.ok(udhr.languages().length > 500);
  const en = udhr.read('eng');
  assert.equal(en.segments.length, 31);
  assert.equal(en.segments[0].id, 'preamble');
  assert.equal(en.segments[1].id, 'article:1');
  assert.equal(en.segments[1].text, 'All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.');
  assert.equal(en.segments[30].id, 'article:30');
  assert.equal(en.locale, 'en');
  const de = udhr.read('deu_1996');
  assert.ok(de.segments[1].text.startsWith('Alle Menschen sind frei und gleich an Würde und Rechten geboren.'));
});

test('UDHR: a translation missing articles keeps the numbers of those it has', () => {
  const html = '<html><body><article data-number="2"><h2>Art 2</h2><p>Zwei &#x26; drei</p></article><article data-number="5"><ol><li>a</li><li>b</li></ol></article></body></html>';
  const segs = parseUdhrHtml(html, 'x.html');
  assert.deepEqual(segs, [{ id: 'article:2', text: 'Zwei & drei' }, { id: 'article:5', text: 'a\nb' }]);
  // The package has translations with fewer articles (e.g. chv with 19): ids are still article numbers.
  const chv = openCorpus('udhr').read('chv');
  assert.ok(chv.segments.length < 31);
  assert.ok(chv.segments.every((s) => s.id === 'preamble' || /^article:([1-9]|[12]\d|30)$/.test(s.id)));
});

test('CoNLL-U: gold words skip ranges and empty nodes; # text is the running text', () => {
  const src = [
    '# sent_id = s1',
    '# text = Vámonos al mar.',
    '1-2\tVámonos\t_\t_\t_\t_\t_\t_\t_\t_',
    '1\tVamos\tir\tVERB\t_\t_\t0\troot\t_\t_',
    '2\tnos\tnosotros\tPRON\t_\t_\t1\tobj\t_\t_',
    '3-4\tal\t_\t_\t_\t_\t_\t_\t_\t_',
    '3\ta\ta\tADP\t_\t_\t5\tcase\t_\t_',
    '4\tel\tel\tDET\t_\t_\t5\tdet\t_\t_',
    '4.1\tx\tx\tX\t_\t_\t_\t_\t_\t_',
    '5\tmar\tmar\tNOUN\t_\t_\t1\tobl\t_\tSpaceAfter=No',
    '6\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_',
    '',
    '1\tSin\t_\t_\t_\t_\t_\t_\t_\t_',
    '2\ttexto\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No',
    '3\t.\t_\t_\t_\t_\t_\t_\t_\t_',
    '',
  ].join('\n');
  const segs = parseConllu(src, 'es.conllu');
  assert.equal(segs.length, 2);
  assert.deepEqual(segs[0], { id: 's1', text: 'Vámonos al mar.', words: ['Vamos', 'nos', 'a', 'el', 'mar', '.'] });
  assert.equal(segs[1].text, 'Sin texto.');
  assert.equal(segs[1].id, 'es.conllu:13');
});

test('text:DIR: one file per language, one segment per non-empty line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-text-'));
  writeFileSync(join(dir, 'en.txt'), 'Hello world.\n\nSecond line.\n');
  mkdirSync(join(dir, 'sub'));
  const text = openCorpus(`text:${dir}`);
  assert.ok(text.languages().includes('en'));
  const en = text.read('en');
  assert.deepEqual(en.segments, [{ id: 'line:1', text: 'Hello world.' }, { id: 'line:3', text: 'Second line.' }]);
});
