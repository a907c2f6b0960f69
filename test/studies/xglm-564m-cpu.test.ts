import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudyConfig } from '../../src/studies/load-config.js';
import { planStudy, studyCells } from '../../src/studies/plan.js';
import { devEvaluations, estimateStudyTime, studySpeed, DOCUMENTED_STEP_SPEEDS } from '../../src/studies/estimate.js';
import { recordStepSpeed, speedRecordFile, type StepSpeed } from '../../src/tuning/speed-record.js';
import { manifestCoverage } from '../helpers/manifest.js';

const root = new URL('../..', import.meta.url).pathname;
const FILE = 'analyses/xglm-564m-cpu.json';

test('xglm-564m-cpu: the hub model, prompt tuning only, POS and NER in every XGLM language MANIFEST covers', () => {
  const config = loadStudyConfig(root + FILE);
  assert.deepEqual(config.model, { type: 'hf', path: 'hub:facebook/xglm-564M', name: 'facebook/xglm-564M' });
  assert.deepEqual(config.methods, ['prompt']);
  const cover = manifestCoverage();
  assert.deepEqual(config.tasks.map((t) => t.name).sort(), ['ner', 'pos']);
  for (const task of config.tasks) assert.deepEqual([...task.languages].sort(), [...cover[task.name]!].sort(), task.name);
  const cells = studyCells(config);
  const expected = (cover['pos']!.length + cover['ner']!.length) * config.settings.length * config.seeds.length;
  assert.equal(expected, (26 + 27) * 1 * 1);
  assert.equal(cells.length, expected);
});

test('xglm-564m-cpu: wall time from a given step speed, computed by hand', () => {
  const config = loadStudyConfig(root + FILE);
  const b = config.budgets;
  assert.deepEqual([b.steps, b.batchSize, b.maxLength, b.virtualTokens, b.maxEval], [12, 4, 48, 20, 16], 'the budgets this test computes with');
  const speed: StepSpeed = { backend: 'wasm', promptHeadTokensPerS: 10, promptLmTokensPerS: 9, forwardTokensPerS: 40, batchSize: 8, seqLen: 128, measuredAt: 'x' };
  const e = estimateStudyTime(config, studyCells(config), { shape: 'xglm-564m', source: 'measured', speed })!;
  // 12 steps; dev evaluations at steps 3, 6, 9 and at the end = 4.
  assert.equal(devEvaluations(12), 4);
  assert.equal(devEvaluations(40), 4);
  // Train per run: 12 · 4 · (48 + 20) = 3,264 tokens at 10 tokens/s = 326.4 s; 53 runs.
  const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6 * b;
  assert.ok(close(e.trainSeconds, 53 * 326.4), `${e.trainSeconds}`);
  // Eval per cell: (4 dev + 1 test) · 16 sentences · 68 tokens = 5,440 tokens at 40 tokens/s = 136 s.
  assert.ok(close(e.evalSeconds, 53 * 136), `${e.evalSeconds}`);
  assert.ok(close(e.totalSeconds, 53 * (326.4 + 136)));
  assert.equal(e.cells, 53);
});

test('xglm-564m-cpu: the dry run reads the measured speed from the cache, else the documented figure, and says which', () => {
  const cache = mkdtempSync(join(tmpdir(), 'tokgap-speed-'));
  try {
    const env = { ...process.env, TOKGAP_CACHE: cache };
    const dry = (): { estimate: { source: string; totalSeconds: number; speed: StepSpeed } | null } => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', 'study', FILE, '--dry-run', '--out', join(cache, 'never-written')], { cwd: root, encoding: 'utf8', env });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    const documented = dry();
    assert.equal(documented.estimate?.source, 'documented');
    assert.deepEqual(documented.estimate?.speed, DOCUMENTED_STEP_SPEEDS['xglm-564m']);
    const measured: StepSpeed = { backend: 'wasm', promptHeadTokensPerS: 20, promptLmTokensPerS: 18, forwardTokensPerS: 80, batchSize: 8, seqLen: 128, measuredAt: '2026-01-01T00:00:00Z' };
    recordStepSpeed('xglm-564m', measured, speedRecordFile(cache));
    const out = dry();
    assert.equal(out.estimate?.source, 'measured');
    assert.ok(Math.abs(out.estimate!.totalSeconds - 53 * (3264 / 20 + 5440 / 80)) < 1e-6);
    const config = loadStudyConfig(root + FILE);
    assert.equal(studySpeed(config, {})?.source, 'documented');
    const text = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'study', FILE, '--dry-run', '--out', join(cache, 'never-written')], { cwd: root, encoding: 'utf8', env });
    assert.match(text.stdout, /estimated wall time: [\d.]+ h for 53 cells .*speed: measured by npm run bench:tuning on wasm/);
    assert.equal(planStudy(config, '/x').estimate, undefined, 'no speeds given, no estimate');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
