import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGrid, parseTuneConfig } from '../../src/tuning/grid.js';

test('zero-shot transfer trains on the configured source language and tests on every language', () => {
  const config = parseTuneConfig({ task: 'pos', langs: 'en,de,hi', model: 'm', setting: 'zero-shot', sourceLanguage: 'de', seeds: '1' });
  assert.equal(config.sourceLanguage, 'de');
  const runs = planGrid({ task: 'pos', methods: ['prompt'], languages: config.langs, setting: 'zero-shot', sourceLanguage: config.sourceLanguage, seeds: [1], model: 'm' });
  assert.deepEqual(runs.map((r) => [r.trainLanguage, r.evalLanguages]), [['de', ['en', 'de', 'hi']]]);
  assert.equal(parseTuneConfig({ task: 'pos', langs: 'en', model: 'm' }).sourceLanguage, 'en');
  assert.throws(() => parseTuneConfig({ task: 'pos', langs: 'en', model: 'm', sourceLanguage: 'German' }));
});
