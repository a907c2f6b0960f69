import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGrid } from '../../src/tuning/grid.js';
import type { ResultRow } from '../../src/tuning/results.js';

const done = (language: string, method: 'prompt' | 'finetune', seed: number, setting: 'in-language' | 'zero-shot'): ResultRow => ({
  task: 'pos', language, method, setting, seed, metric: 'accuracy', score: 0.5, n: 1,
  trainable_params: 1, total_params: 1, steps: 1, wall_s: 0, backend: 'cpu', model: 'm',
});

test('in-language: one run per (language, method, seed); done cells are skipped', () => {
  const spec = { task: 'pos', methods: ['prompt', 'finetune'] as const, languages: ['en', 'de'], setting: 'in-language' as const, seeds: [1, 2], model: 'm' };
  assert.equal(planGrid(spec).length, 8);
  const runs = planGrid(spec, [done('en', 'prompt', 1, 'in-language'), done('en', 'prompt', 1, 'zero-shot')]);
  assert.equal(runs.length, 7);
  assert.ok(!runs.some((r) => r.trainLanguage === 'en' && r.method === 'prompt' && r.seed === 1));
});

test('zero-shot: train on en once per (method, seed), test on the missing languages only', () => {
  const spec = { task: 'pos', methods: ['prompt'] as const, languages: ['en', 'de', 'fi'], setting: 'zero-shot' as const, seeds: [3], model: 'm' };
  assert.deepEqual(planGrid(spec, [done('de', 'prompt', 3, 'zero-shot')]), [
    { task: 'pos', method: 'prompt', setting: 'zero-shot', seed: 3, model: 'm', trainLanguage: 'en', evalLanguages: ['en', 'fi'] },
  ]);
  assert.deepEqual(planGrid(spec, ['en', 'de', 'fi'].map((l) => done(l, 'prompt', 3, 'zero-shot'))), []);
  assert.throws(() => planGrid({ ...spec, methods: [] }), /no tuning method/);
});
