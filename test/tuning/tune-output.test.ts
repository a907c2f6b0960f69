import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { initBackend } from '../../src/tuning/backend.js';
import { runGrid } from '../../src/tuning/grid.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { scriptSkip } from '../helpers/tools.js';
import { findBlas } from '../../src/tuning/backend/blas.js';

// What `analyze tune` shows: progress per cell and per step on a terminal (stderr), nothing at all
// with --quiet, only the JSON summary with --json.

const root = new URL('../..', import.meta.url).pathname;
const SPM = `spm:${goldenPath('udhr-unigram-8k.model')}`;
let dir = '';
let model = '';

before(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'tokgap-tuneout-'));
  const corpus = join(dir, 'en.txt');
  writeFileSync(corpus, readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 20).map((l) => l.split('\t')[0]).join('\n'));
  model = join(dir, 'model');
  await pretrain({ corpus, tokenizer: await loadTokenizer(SPM), out: model, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 1, batchSize: 4 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const tuneArgs = (results: string, backend = 'wasm'): string[] => ['src/cli/main.ts', 'tune', '--task', 'pos', '--methods', 'prompt,finetune', '--langs', 'en',
  '--model', model, '--steps', '2', '--results', results, '--data', FIXTURE_DATA_DIR, '--max-train', '4', '--max-eval', '2', '--virtual-tokens', '2', '--backend', backend];

test('runGrid reports each cell as it starts and every step, over the whole grid', async () => {
  await initBackend('wasm');
  const calls: [string, number, number][] = [];
  await runGrid(
    { task: 'pos', methods: ['prompt', 'finetune'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' },
    { modelDir: goldenPath('tiny-xglm'), tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'lib.jsonl'),
      steps: 2, batchSize: 2, maxTrain: 4, maxEval: 2, maxLength: 24, virtualTokens: 2, onProgress: (label, done, total) => calls.push([label, done, total]) },
  );
  const a = 'cell 1/2: pos prompt en seed 1';
  const b = 'cell 2/2: pos finetune en seed 1';
  assert.deepEqual(calls, [[a, 0, 4], [a, 1, 4], [a, 2, 4], [b, 2, 4], [b, 3, 4], [b, 4, 4]]);
});

test('--quiet prints nothing at all and --json prints only the JSON summary, on wasm and cpu (no tfjs banner)', () => {
  for (const backend of ['wasm', 'cpu']) {
    const quiet = spawnSync(process.execPath, ['--import', 'tsx', ...tuneArgs(join(dir, `q-${backend}.jsonl`), backend), '--quiet'], { cwd: root, encoding: 'utf8' });
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.equal(quiet.stdout, '', `${backend} --quiet stdout`);
    assert.equal(quiet.stderr, '', `${backend} --quiet stderr`);
    const json = spawnSync(process.execPath, ['--import', 'tsx', ...tuneArgs(join(dir, `j-${backend}.jsonl`), backend), '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(json.status, 0, json.stderr);
    assert.equal(json.stderr, '', `${backend} --json stderr`);
    const summary = JSON.parse(json.stdout) as { rows: { method: string }[]; backend: string; memory: { method: string; fits: boolean; total: number }[] };
    assert.deepEqual(summary.rows.map((r) => r.method), ['prompt', 'finetune']);
    // The memory plan is part of the JSON summary (and nothing of it reaches stderr).
    assert.deepEqual(summary.memory.map((m) => [m.method, m.fits]), [['prompt', true], ['finetune', true]]);
    // wasm's label says when its matmuls run in OpenBLAS (docs/tuning-model.md).
    assert.equal(summary.backend, backend === 'wasm' && findBlas().blas ? 'wasm+openblas' : backend);
  }
});

// `script` (util-linux) gives the command a terminal, where progress is drawn.

test('on a terminal, progress names each cell and counts steps; --quiet draws nothing there either', { skip: scriptSkip() }, () => {
  const onTty = (args: string[]): string => {
    const cmd = [process.execPath, '--import', 'tsx', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, COLUMNS: '160' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    return r.stdout;
  };
  // One process: per-cell labels in plan order (test/tuning/grid-pool.test.ts draws the pool's bar).
  const shown = onTty([...tuneArgs(join(dir, 'tty.jsonl')), '--workers', '1']);
  // The first draw of each run is immediate; the last (done = total) always shows.
  assert.match(shown, /\r[█░]{30} 0\/4 cell 1\/2: pos prompt en seed 1/);
  assert.match(shown, /\r█{30} 4\/4 cell 2\/2: pos finetune en seed 1/);
  assert.match(shown, /2 cell\(s\) written/);
  const quiet = onTty([...tuneArgs(join(dir, 'tty-q.jsonl')), '--quiet']);
  assert.equal(quiet.trim(), '');
});
