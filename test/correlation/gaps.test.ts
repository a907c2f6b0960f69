/**
 * The one PT − FT gap (gapTable → summarizeGaps), as the correlation tables and the tuning report
 * both read it: seeds are paired, models kept apart. Values computed by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gapTable } from '../../src/correlation/verbs/gap-table.js';
import { summarizeGaps } from '../../src/correlation/verbs/summarize-gaps.js';
import type { ResultCell } from '../../src/correlation/types.js';
import { summarizeTuningCells, tuningGaps } from '../../src/report/tuning.js';
import type { ResultRow } from '../../src/tuning/results.js';

const close = (a: number | null | undefined, b: number, what: string): void => assert.ok(a != null && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

// Model a: PT seeds 1 2 3 = 0.6 0.7 0.8; FT seeds 1 2 = 0.5 0.4 (seed 3 has no FT).
//   paired gaps 0.1, 0.3 → gap 0.2, SD sqrt((0.1² + 0.1²) / 1) = 0.1414213562; PT mean 0.65, FT mean 0.45.
// Model b: PT 0.9, FT 0.6 on seed 1 → gap 0.3, one seed.
const cells: ResultCell[] = [
  { task: 'pos', setting: 'in-language', language: 'de', method: 'prompt', seed: 1, score: 0.6, model: 'a' },
  { task: 'pos', setting: 'in-language', language: 'de', method: 'prompt', seed: 2, score: 0.7, model: 'a' },
  { task: 'pos', setting: 'in-language', language: 'de', method: 'prompt', seed: 3, score: 0.8, model: 'a' },
  { task: 'pos', setting: 'in-language', language: 'de', method: 'finetune', seed: 1, score: 0.5, model: 'a' },
  { task: 'pos', setting: 'in-language', language: 'de', method: 'finetune', seed: 2, score: 0.4, model: 'a' },
  { task: 'pos', setting: 'in-language', language: 'de', method: 'prompt', seed: 1, score: 0.9, model: 'b' },
  { task: 'pos', setting: 'in-language', language: 'de', method: 'finetune', seed: 1, score: 0.6, model: 'b' },
];

test('gap verbs: seeds paired (an unpaired seed is left out with a reason), one row per model', () => {
  const table = gapTable(cells);
  assert.equal(table.rows.length, 3);
  assert.deepEqual(table.exclusions.map((e) => e.reason), ['missing_pair']);
  assert.match(table.exclusions[0]!.message, /seed 3 of a has no finetune/);
  const summary = summarizeGaps(table.rows);
  assert.deepEqual(summary.map((s) => [s.model, s.seeds]), [['a', 2], ['b', 1]]);
  const [a, b] = summary;
  close(a!.gap, 0.2, 'a gap'); close(a!.gap_sd, Math.SQRT2 / 10, 'a gap SD');
  close(a!.prompt, 0.65, 'a PT'); close(a!.finetune, 0.45, 'a FT');
  close(b!.gap, 0.3, 'b gap'); assert.equal(b!.gap_sd, 0);
  assert.deepEqual([a!.tier, a!.tokens_b], [null, null], 'no language index: no tier');
});

test('the tuning report reads the same gap: paired seeds, per model, no SD for one seed', () => {
  const rows: ResultRow[] = cells.map((c) => ({
    task: c.task, language: c.language, method: c.method, setting: 'in-language', seed: c.seed, metric: 'accuracy', score: c.score, n: 10,
    trainable_params: 1, total_params: 2, steps: 1, wall_s: 1, backend: 'cpu', model: c.model!,
  }));
  const gaps = tuningGaps(summarizeTuningCells(rows));
  const a = gaps.find((g) => g.model === 'a')!;
  const b = gaps.find((g) => g.model === 'b')!;
  close(a.gap, 0.2, 'report a gap'); close(a.gap_sd, Math.SQRT2 / 10, 'report a gap SD');
  close(a.prompt_paired, 0.65, 'report a PT over paired seeds'); close(a.prompt!.mean, 0.7, 'a PT over all its seeds (scores chart)');
  assert.equal(a.paired_seeds, 2);
  close(b.gap, 0.3, 'report b gap'); assert.equal(b.gap_sd, null);
});
