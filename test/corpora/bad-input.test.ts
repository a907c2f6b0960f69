// Every bad input fails with an error naming the file (and line/field), and the job writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCorpus } from '../../src/corpora/index.js';
import { analyzeTokenization } from '../../src/stats/index.js';
import { isTokgapError } from '../../src/errors.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'tokgap-bad-'));
}

async function expectNoOutput(corpus: string, langs: string, check: (e: unknown) => boolean): Promise<void> {
  const out = join(tmp(), 'out');
  await assert.rejects(
    analyzeTokenization({ tokenizers: ['fake'], corpus, langs, outDir: out, formats: ['csv', 'json'], loadTokenizer: () => fakeTokenizer() }),
    check,
  );
  assert.equal(existsSync(join(out, 'tokenization.csv')), false);
  assert.equal(existsSync(join(out, 'tokenization.json')), false);
  assert.equal(existsSync(join(out, '.checkpoints')), false);
}

test('unknown language code', async () => {
  await expectNoOutput('udhr', 'en,xx_Qqqq', (e) => isTokgapError(e) && e.code === 'UNKNOWN_LANGUAGE' && /xx_Qqqq/.test(e.message));
});

test('a corpus directory with no file for a requested language', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'en.txt'), 'Hello.\n');
  // `de` is known to the language table but the folder has no file for it.
  await expectNoOutput(`text:${dir}`, 'en,de', (e) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'NOT_FOUND');
    assert.ok(e.message.includes(`no text for language "de" (German) in corpus text:${dir}`), e.message);
    return true;
  });
  const flores = tmp();
  mkdirSync(join(flores, 'dev'));
  writeFileSync(join(flores, 'dev', 'eng_Latn.dev'), 'Hi.\n');
  assert.throws(() => openCorpus(`flores:${flores}`).read('deu_Latn'), (e: unknown) => isTokgapError(e) && e.code === 'NOT_FOUND' && e.file === flores);
});

test('invalid UTF-8 names the file and line', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'en.txt'), Buffer.concat([Buffer.from('fine\nstill fine\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
  await expectNoOutput(`text:${dir}`, 'en', (e) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'BAD_INPUT');
    assert.equal(e.file, join(dir, 'en.txt'));
    assert.equal(e.line, 3);
    assert.match(e.message, /en\.txt:3: invalid UTF-8/);
    return true;
  });
});

test('an empty text', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'en.txt'), '\n  \n');
  await expectNoOutput(`text:${dir}`, 'en', (e) => isTokgapError(e) && e.code === 'BAD_INPUT' && e.file === join(dir, 'en.txt') && /empty text/.test(e.message));
  const flores = tmp();
  mkdirSync(join(flores, 'dev'));
  writeFileSync(join(flores, 'dev', 'eng_Latn.dev'), 'One.\n\nThree.\n');
  await expectNoOutput(`flores:${flores}`, 'eng_Latn', (e) => isTokgapError(e) && e.line === 2 && /empty text/.test(e.message));
});

test('a CoNLL-U line with the wrong number of columns', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'en_test.conllu'), '# text = Hi there\n1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n2\tthere\t_\t_\n\n');
  await expectNoOutput(`ud:${dir}`, 'en', (e) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.file, join(dir, 'en_test.conllu'));
    assert.equal(e.line, 3);
    assert.match(e.message, /expected 10 tab-separated columns, found 4/);
    return true;
  });
});

test('an XNLI row with the wrong number of fields', () => {
  const dir = tmp();
  mkdirSync(join(dir, 'en'));
  writeFileSync(join(dir, 'en', 'dev.tsv'), 'a\tb\tentailment\nonly one field\n');
  assert.throws(() => openCorpus(`xnli:${dir}`).read('en'), (e: unknown) => isTokgapError(e) && e.line === 2 && e.file === join(dir, 'en', 'dev.tsv'));
});

test('bad corpus spec and options', async () => {
  assert.throws(() => openCorpus('flores'), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION');
  assert.throws(() => openCorpus('nope:/x'), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION');
  assert.throws(() => openCorpus('flores:/does/not/exist'), (e: unknown) => isTokgapError(e) && e.code === 'BAD_INPUT');
  await assert.rejects(analyzeTokenization({ tokenizers: ['f'], alpha: -1, loadTokenizer: () => fakeTokenizer() }), (e: unknown) => isTokgapError(e) && e.field === 'alpha');
});

test('an ambiguous language name is an error listing the choices; a code still picks the preferred text', async () => {
  const { resolveLanguage } = await import('../../src/corpora/languages.js');
  const udhr = openCorpus('udhr');
  assert.throws(() => resolveLanguage('German', udhr.languages(), 'udhr'), (e: unknown) =>
    isTokgapError(e) && e.code === 'AMBIGUOUS_LANGUAGE' && /"German" names several texts in udhr: deu_1996 \(German, Standard \(1996\)\), deu_1901 \(German, Standard \(1901\)\)/.test(e.message));
  assert.equal(resolveLanguage('de', udhr.languages(), 'udhr'), 'deu_1996');
  assert.equal(resolveLanguage('English', udhr.languages(), 'udhr'), 'eng');
});

test('every language a message suggests carries its name, numeric UDHR codes included', async () => {
  const { resolveLanguage, languageLabel } = await import('../../src/corpora/languages.js');
  const udhr = openCorpus('udhr');
  assert.equal(languageLabel('007'), '007 (Sãotomense)');
  assert.equal(languageLabel('eng'), 'eng (English)');
  assert.equal(languageLabel('zz_nothing'), 'zz_nothing');
  assert.throws(() => resolveLanguage('Sãotomens', udhr.languages(), 'udhr'), /did you mean 007 \(Sãotomense\)\?/);
  assert.throws(() => resolveLanguage('germn', udhr.languages(), 'udhr'), /did you mean deu_1996 \(German, Standard \(1996\)\)/);
});
