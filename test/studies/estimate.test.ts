import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadStudyConfig } from '../../src/studies/load-config.js';
import { estimateStudyTime, makespan } from '../../src/studies/estimate.js';
import { studyCells } from '../../src/studies/plan.js';
import type { StepSpeed } from '../../src/tuning/speed-record.js';

const root = new URL('../..', import.meta.url).pathname;

test('makespan: longest run first, each on the first free process (by hand)', () => {
  // 3 → A; 2 → B; 2 → B (free at 2, before A at 3): B = 4; 1 → A: A = 4.
  assert.equal(makespan([2, 1, 3, 2], 2), 4);
  assert.equal(makespan([2, 1, 3, 2], 1), 8);
  assert.equal(makespan([5, 1, 1], 4), 5);
});

test('the dry-run estimate spreads the runs over min(workers, cores, runs) processes; one process time stays in totalSeconds', () => {
  const config = loadStudyConfig(`${root}analyses/xglm-564m-cpu.json`);
  const speed: StepSpeed = { backend: 'wasm', promptHeadTokensPerS: 10, promptLmTokensPerS: 9, forwardTokensPerS: 40, batchSize: 8, seqLen: 128, measuredAt: 'x' };
  const chosen = { shape: 'xglm-564m', source: 'measured' as const, speed };
  const cells = studyCells(config);
  const one = estimateStudyTime(config, cells, chosen, 1)!;
  assert.equal(one.workers, 1);
  assert.ok(Math.abs(one.wallSeconds - one.totalSeconds) < 1e-6);
  // 53 equal runs on 2 cores: 27 on one process.
  const two = estimateStudyTime(config, cells, chosen, 2)!;
  assert.equal(two.workers, 2);
  assert.ok(Math.abs(two.wallSeconds - (27 * one.totalSeconds) / 53) < 1e-6, `${two.wallSeconds}`);
  // Asking for more workers than cores buys nothing.
  const asked = estimateStudyTime({ ...config, budgets: { ...config.budgets, workers: 8 } }, cells, chosen, 2)!;
  assert.equal(asked.workers, 2);
});

test('a speed measured on 2 OpenBLAS threads: one worker on 2 cores keeps it, two workers of one thread each take twice as long per run', () => {
  const config = loadStudyConfig(`${root}analyses/xglm-564m-cpu.json`);
  const base: StepSpeed = { backend: 'wasm', promptHeadTokensPerS: 10, promptLmTokensPerS: 9, forwardTokensPerS: 40, batchSize: 8, seqLen: 128, measuredAt: 'x' };
  const cells = studyCells(config);
  const oneThread = estimateStudyTime(config, cells, { shape: 'xglm-564m', source: 'measured', speed: base }, 1)!;
  const twoThreads = { shape: 'xglm-564m', source: 'measured' as const, speed: { ...base, threads: 2 } };
  const alone = estimateStudyTime({ ...config, budgets: { ...config.budgets, workers: 1 } }, cells, twoThreads, 2)!;
  assert.deepEqual([alone.workers, alone.threadsPerWorker], [1, 2]);
  assert.ok(Math.abs(alone.totalSeconds - oneThread.totalSeconds) < 1e-6);
  const split = estimateStudyTime(config, cells, twoThreads, 2)!;
  assert.deepEqual([split.workers, split.threadsPerWorker], [2, 1]);
  assert.ok(Math.abs(split.totalSeconds - 2 * oneThread.totalSeconds) < 1e-6);
  // 53 equal runs, 27 on one process, each at half the measured speed.
  assert.ok(Math.abs(split.wallSeconds - (27 * 2 * oneThread.totalSeconds) / 53) < 1e-6);
});
