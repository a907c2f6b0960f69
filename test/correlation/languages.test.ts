import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageIndex, defaultLanguages, XGLM_LANGUAGES } from '../../src/correlation/languages.js';
import { sharedPath } from '../helpers/shared.js';
import { readFileSync } from 'node:fs';

test('en / eng / eng_Latn / en-US normalise to one key, with the built-in map and with the language table', () => {
  for (const index of [createLanguageIndex(XGLM_LANGUAGES), createLanguageIndex(defaultLanguages())]) {
    for (const code of ['en', 'eng', 'eng_Latn', 'EN-us']) assert.equal(index.normalize(code), 'en');
    assert.equal(index.normalize('zho_Hans'), 'zh');
    assert.equal(index.normalize('arb_Arab'), 'ar');
    assert.equal(index.normalize('swh_Latn'), 'sw');
    assert.equal(index.normalize('quy_Latn'), 'qu');
    assert.equal(index.normalize('tlh'), undefined);
  }
});

test('built-in XGLM sizes and tiers match the reference table in shared/reference/xglm.md', () => {
  const md = readFileSync(sharedPath('reference/xglm.md'), 'utf8');
  const rows = md.split('\n').filter((l) => /^\| [a-z]{2} \|/.test(l)).map((l) => l.split('|').map((c) => c.trim()));
  assert.equal(rows.length, 30);
  const index = createLanguageIndex(XGLM_LANGUAGES);
  for (const cells of rows) {
    const [, iso, flores, , tokens, , tier] = cells;
    const info = index.info(iso!)!;
    assert.equal(info.tokensB, Number(tokens), iso);
    assert.equal(info.tier, tier, iso);
    assert.equal(index.normalize(flores!.split(' ')[0]!), iso);
  }
  // and the project's language table agrees on every one
  const table = createLanguageIndex(defaultLanguages());
  for (const x of XGLM_LANGUAGES) assert.equal(table.info(x.key)?.tokensB, x.tokensB, x.key);
});
