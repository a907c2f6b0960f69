import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planGrid } from '../../src/tuning/grid.js';
import { parseTuneConfig } from '../../src/tuning/options.js';
import { gridSpecOf, runTuneConfig } from '../../src/tuning/run-config.js';

test('each run narrowed to its own config plans exactly that run again', () => {
  for (const setting of ['in-language', 'zero-shot'] as const) {
    const config = parseTuneConfig({ task: 'pos', langs: 'en,de,hi', methods: 'prompt,finetune', seeds: '1,2', model: 'm', setting });
    const runs = planGrid(gridSpecOf(config));
    assert.equal(runs.length, setting === 'zero-shot' ? 4 : 12);
    for (const run of runs) assert.deepEqual(planGrid(gridSpecOf(runTuneConfig(config, run))), [run]);
  }
});
