import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLanguageTable, xglmLanguages } from '../../src/corpora/languages.js';

test('XGLM: 30 languages with the model card\'s token counts and tiers', () => {
  const x = xglmLanguages();
  assert.equal(x.length, 30);
  assert.deepEqual([x[0].iso6391, x[0].xglm!.tokensB, x[0].xglm!.tier], ['en', 803.53, 'T1']);
  const qu = x.find((e) => e.iso6391 === 'qu')!;
  assert.deepEqual([qu.flores, qu.xglm!.tokensB, qu.xglm!.tier], ['quy_Latn', 0.0032, 'T4']);
  const sum = x.reduce((s, e) => s + e.xglm!.tokensB, 0);
  assert.ok(Math.abs(sum - 1640) < 1, `tokens sum to 1.640T (got ${sum})`);
  assert.ok(loadLanguageTable().languages.length > 500);
});
