import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { initBackend } from '../../src/tuning/backend.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { parseTuneConfig, tune } from '../../src/tuning/grid.js';
import { choosePoolWorkers } from '../../src/tuning/grid-pool.js';
import { loadResults, resultKey } from '../../src/tuning/results-io.js';
import type { ResultRow } from '../../src/tuning/results.js';
import type { MemoryCheck } from '../../src/tuning/xglm/memory.js';

// The local worker pool: the same rows as one process, one row per cell under concurrent appends,
// a failed or killed worker named by its cell, and an interrupted pool that resumes.

const root = new URL('../..', import.meta.url).pathname;
let dir = '';
let model = '';

before(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'tokgap-pool-'));
  const corpus = join(dir, 'en.txt');
  writeFileSync(corpus, readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 30).map((l) => l.split('\t')[0]).join('\n'));
  model = join(dir, 'model');
  const tokenizer = await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`);
  await pretrain({ corpus, tokenizer, out: model, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 2, batchSize: 4 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const config = (results: string, extra: Record<string, unknown> = {}) => parseTuneConfig({
  task: 'pos', methods: 'prompt,finetune', langs: 'en,de', model, modelName: 'tiny', data: FIXTURE_DATA_DIR, backend: 'wasm',
  steps: 6, batchSize: 2, maxTrain: 8, maxEval: 4, virtualTokens: 2, maxLength: 32, evalEvery: 3, results, ...extra,
});

const byCell = (rows: readonly ResultRow[]): Map<string, ResultRow> => new Map(rows.map((r) => [resultKey(r), r]));

test('a grid on 2 workers writes the same rows (cells, scores, counts) as on one process, each cell once', async () => {
  const one = join(dir, 'one.jsonl');
  const two = join(dir, 'two.jsonl');
  const a = await tune(config(one, { workers: 1 }));
  const pids: number[] = [];
  const b = await tune(config(two, { workers: 2 }), undefined, undefined, { onCellStart: (i) => pids.push(i.pid) });
  assert.equal(a.workers?.workers, 1);
  assert.equal(b.workers?.workers, 2);
  assert.equal(pids.length, 4);
  assert.ok(pids.every((p) => p > 0 && p !== process.pid));
  const rowsA = loadResults(one);
  const rowsB = loadResults(two);
  assert.equal(rowsA.length, 4);
  assert.equal(rowsB.length, 4, 'one line per cell, none interleaved');
  const cellsA = byCell(rowsA);
  const cellsB = byCell(rowsB);
  assert.deepEqual([...cellsB.keys()].sort(), [...cellsA.keys()].sort());
  for (const [key, r] of cellsA) {
    const s = cellsB.get(key)!;
    assert.ok(Math.abs(r.score - s.score) < 1e-6, `${key}: ${r.score} vs ${s.score}`);
    assert.deepEqual([s.n, s.steps, s.baseline, s.trainable_params, s.total_params], [r.n, r.steps, r.baseline, r.trainable_params, r.total_params]);
  }
  // The summary holds the rows the workers wrote, and the notes they made.
  assert.equal(b.rows.length, 4);
  assert.ok(b.notes.some((n) => n.includes('no pos train set for de')));
  // Nothing left to run: the rerun skips every cell and starts no worker.
  const again = await tune(config(two, { workers: 2 }));
  assert.deepEqual([again.rows.length, again.skipped], [0, 4]);
  assert.equal(loadResults(two).length, 4);
});

test('a killed worker is named by its cell; the other cells are kept and a rerun writes each missing cell once', async () => {
  const file = join(dir, 'killed.jsonl');
  let killed = '';
  await assert.rejects(
    tune(config(file, { workers: 2, steps: 40 }), undefined, undefined, {
      onCellStart: (i) => { if (killed === '') { killed = i.label; process.kill(i.pid, 'SIGKILL'); } },
    }),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'WORKER_KILLED');
      assert.match(error.message, /cell 1\/4: pos prompt en seed 1 failed: its worker process was killed by SIGKILL/);
      assert.doesNotMatch(error.message, /\n\s+at /);
      return true;
    },
  );
  assert.equal(killed, 'cell 1/4: pos prompt en seed 1');
  const kept = loadResults(file);
  assert.ok(kept.length < 4 && kept.every((r) => !(r.method === 'prompt' && r.language === 'en')));
  await tune(config(file, { workers: 2, steps: 40 }));
  const rows = loadResults(file);
  assert.equal(rows.length, 4);
  assert.equal(byCell(rows).size, 4, 'each cell exactly once');
});

test('a worker that fails names its cell, keeps the other cells and says how to resume', async () => {
  const file = join(dir, 'failed.jsonl');
  // `zz` has no POS data: its run fails in its worker while the en runs finish.
  await assert.rejects(
    tune(config(file, { workers: 2, langs: 'en,zz' })),
    (error: Error & { code?: string }) => {
      assert.match(error.message, /cell 2\/4: pos prompt zz seed 1 failed: .*zz/);
      assert.match(error.message, /the same command resumes/);
      assert.notEqual(error.code, undefined);
      return true;
    },
  );
  assert.ok(loadResults(file).every((r) => r.language === 'en'));
});

test('analyze tune: SIGTERM reaches the workers, the parent says what was kept and exits 143; the rerun writes each cell once', async () => {
  const results = join(dir, 'term.jsonl');
  const args = ['dist/cli/main.js', 'tune', '--task', 'pos', '--langs', 'en,de', '--model', model, '--data', FIXTURE_DATA_DIR, '--backend', 'wasm',
    '--steps', '1500', '--batch-size', '2', '--max-train', '8', '--max-eval', '4', '--virtual-tokens', '2', '--max-length', '32', '--results', results, '--workers', '2'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  child.stdout.resume();
  // Interrupt once a running cell has a checkpoint (every 50 steps).
  const ckpt = `${results}.ckpt`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !(existsSync(ckpt) && readdirSync(ckpt).filter((d) => existsSync(join(ckpt, d, 'checkpoint.json'))).length >= 1)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  assert.equal(status, 143, stderr);
  assert.match(stderr, /SIGTERM: \d+ cell\(s\) written to .*term\.jsonl; stopped in flight, checkpoints kept under .*term\.jsonl\.ckpt: cell \d\/4: pos \w+ \w+ seed 1/);
  assert.doesNotMatch(stderr, /\n\s+at /);
  assert.ok(readdirSync(ckpt).length >= 1, 'the checkpoints stay');
  const rerun = spawn(process.execPath, args, { cwd: root, stdio: 'ignore' });
  assert.equal(await new Promise((resolve) => rerun.on('exit', (code) => resolve(code))), 0);
  const rows = loadResults(results);
  assert.equal(rows.length, 4);
  assert.equal(byCell(rows).size, 4, 'each cell exactly once');
  assert.equal(existsSync(ckpt), false, 'no checkpoint left once every cell is written');
});

// `script` (util-linux) gives the command a terminal, where progress is drawn.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

test('on a terminal, one progress bar counts the steps of every worker over the whole grid', { skip: !hasScript && 'no script(1) to make a terminal' }, () => {
  const args = ['dist/cli/main.js', 'tune', '--task', 'pos', '--langs', 'en,de', '--model', model, '--data', FIXTURE_DATA_DIR, '--backend', 'wasm', '--steps', '3',
    '--batch-size', '2', '--max-train', '8', '--max-eval', '4', '--virtual-tokens', '2', '--max-length', '32', '--results', join(dir, 'tty.jsonl'), '--workers', '2'];
  const cmd = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /workers: 2 worker\(s\)/);
  const bars = [...r.stdout.matchAll(/\r[█░]{30} (\d+)\/(\d+) 2 workers, (\d)\/4 runs done/g)];
  assert.ok(bars.length >= 2, r.stdout);
  assert.ok(bars.every((m) => m[2] === '12'), 'one bar over all 4 runs × 3 steps');
  assert.match(r.stdout, /\r█{30} 12\/12 2 workers, 4\/4 runs done/);
  assert.match(r.stdout, /4 cell\(s\) written/);
});

test('workers default to as many as useful: min(runs, cores, what free memory holds)', () => {
  const plan = (total: number): MemoryCheck => ({ total } as MemoryCheck);
  assert.equal(choosePoolWorkers({ runs: 8, memory: [plan(1e9)], cores: 2, freeBytes: 20e9 }).workers, 2);
  assert.equal(choosePoolWorkers({ runs: 1, memory: [plan(1e9)], cores: 2, freeBytes: 20e9 }).workers, 1);
  // 3.5 GB + 0.5 GB per process: 9 GB free holds two.
  const tight = choosePoolWorkers({ runs: 8, memory: [plan(1e9), plan(3.5e9)], cores: 16, freeBytes: 9e9 });
  assert.equal(tight.workers, 2);
  assert.match(tight.reason, /as many as useful \(8 run\(s\), 16 core\(s\), free memory for 2 at about 4\.0 GB each\)/);
  const asked = choosePoolWorkers({ runs: 3, requested: 6, memory: [plan(1e9)], cores: 2, freeBytes: 20e9 });
  assert.equal(asked.workers, 3);
  assert.match(asked.reason, /fewer than the 6 asked/);
  assert.equal(choosePoolWorkers({ runs: 8, requested: 1, memory: [], cores: 2, freeBytes: 20e9 }).workers, 1);
});
