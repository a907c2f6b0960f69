import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLanguageTable, resolveLanguageList, xglmLanguages } from '../../src/corpora/languages.js';
import { editDistance } from '../../src/util/edit-distance.js';
import { openCorpus, UnknownLanguageError } from '../../src/corpora/index.js';
import { dataPath } from '../helpers/shared.js';

const udhr = openCorpus('udhr').languages();
const flores = openCorpus(`flores:${dataPath('flores200')}`).languages();


test('--langs maps ISO 639-1, ISO 639-3, FLORES codes and names onto the corpus codes', () => {
  assert.deepEqual(resolveLanguageList('en,de,zh', udhr, 'udhr').codes, ['eng', 'deu_1996', 'cmn_hans']);
  assert.deepEqual(resolveLanguageList('eng_Latn,deu_Latn', udhr, 'udhr').codes, ['eng', 'deu_1996']);
  assert.deepEqual(resolveLanguageList('en,de,zh', flores, 'flores').codes, ['eng_Latn', 'deu_Latn', 'zho_Hans']);
  assert.deepEqual(resolveLanguageList('eng,German', flores, 'flores').codes, ['eng_Latn', 'deu_Latn']);
  assert.deepEqual(resolveLanguageList('eng_Latn,zho_Hans', ['en', 'zh', 'de'], 'xnli').codes, ['en', 'zh']);
  assert.equal(resolveLanguageList('all', flores, 'flores').codes.length, 204);
});

test('--langs xglm gives the 30 on FLORES and reports those a corpus lacks', () => {
  const f = resolveLanguageList('xglm', flores, 'flores');
  assert.equal(f.codes.length, 30);
  assert.deepEqual(f.missing, []);
  const x = resolveLanguageList('xglm', ['en', 'de', 'zh'], 'xnli');
  assert.deepEqual(x.codes, ['en', 'zh', 'de']);
  assert.equal(x.missing.length, 27);
});

test('an unknown code is UNKNOWN_LANGUAGE with near matches', () => {
  assert.throws(() => resolveLanguageList('en,deu_Latm', flores, 'flores'), (e: unknown) => {
    assert.ok(e instanceof UnknownLanguageError);
    assert.equal(e.code, 'UNKNOWN_LANGUAGE');
    assert.ok(e.suggestions.includes('deu_Latn'), String(e.suggestions));
    assert.match(e.message, /deu_Latm.*did you mean.*deu_Latn/);
    return true;
  });
  assert.throws(() => resolveLanguageList('Englsh', udhr, 'udhr'), /did you mean eng/);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});
