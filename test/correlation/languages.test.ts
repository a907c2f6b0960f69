import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageIndex, defaultLanguages, xglmLanguageInfos } from '../../src/correlation/languages.js';
import { fixturePath } from '../helpers/shared.js';
import { readFileSync } from 'node:fs';

test('en / eng / eng_Latn / en-US normalise to one key, with the built-in map and with the language table', () => {
  for (const index of [createLanguageIndex(xglmLanguageInfos()), createLanguageIndex(defaultLanguages())]) {
    for (const code of ['en', 'eng', 'eng_Latn', 'EN-us']) assert.equal(index.normalize(code), 'en');
    assert.equal(index.normalize('zho_Hans'), 'zh');
    assert.equal(index.normalize('arb_Arab'), 'ar');
    assert.equal(index.normalize('swh_Latn'), 'sw');
    assert.equal(index.normalize('quy_Latn'), 'qu');
    assert.equal(index.normalize('tlh'), undefined);
    // codes the language table lacks, added for joins (ISO 639-2/B, macro-language, locale spellings)
    for (const [code, key] of [['ger', 'de'], ['fre', 'fr'], ['ara', 'ar'], ['swa', 'sw'], ['ekk', 'et'], ['zh-CN', 'zh'], ['bur', 'my']]) {
      assert.equal(index.normalize(code!), key, code);
    }
  }
});

test('built-in XGLM sizes and tiers match the reference table in test/fixtures/reference/xglm.md', () => {
  const md = readFileSync(fixturePath('reference/xglm.md'), 'utf8');
  const rows = md.split('\n').filter((l) => /^\| [a-z]{2} \|/.test(l)).map((l) => l.split('|').map((c) => c.trim()));
  assert.equal(rows.length, 30);
  const index = createLanguageIndex(xglmLanguageInfos());
  for (const cells of rows) {
    const [, iso, flores, , tokens, , tier] = cells;
    const info = index.info(iso!)!;
    assert.equal(info.tokensB, Number(tokens), iso);
    assert.equal(info.tier, tier, iso);
    assert.equal(index.normalize(flores!.split(' ')[0]!), iso);
  }
  assert.equal(xglmLanguageInfos().length, 30);
  // and the project's language table agrees on every one
  const table = createLanguageIndex(defaultLanguages());
  for (const x of xglmLanguageInfos()) assert.equal(table.info(x.key)?.tokensB, x.tokensB, x.key);
});
