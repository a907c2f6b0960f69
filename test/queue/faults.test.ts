/**
 * The queue's fault tests against a real redis-server (test/helpers/redis.ts) and real worker
 * processes running tiny cells: every cell ends with exactly one row, whatever dies.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startTestRedis } from '../helpers/redis.js';
import { cliSync, enqueueThenWork, jsonLines, tinyGridArgs, tinyPretrainedModel, waitFor, workerArgs } from '../helpers/queue.js';
import { loadResults, resultKey } from '../../src/tuning/results-io.js';
import type { ResultRow } from '../../src/tuning/results.js';
import { openQueue, queueStatus, QUEUE_KEYS } from '../../src/queue/index.js';

let dir = '';
let model = '';
/** The 20 rows of the uninterrupted run (first test), by cell. */
const reference = new Map<string, ResultRow>();
const SEEDS = '1,2,3,4,5,6,7,8,9,10';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokgap-queue-'));
  model = await tinyPretrainedModel(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const withoutWall = ({ wall_s: _w, ...row }: ResultRow): Omit<ResultRow, 'wall_s'> => row;

/** Each of the 20 cells exactly once. */
function assertTwentyOnce(file: string): ResultRow[] {
  const rows = loadResults(file);
  assert.equal(rows.length, 20);
  assert.equal(new Set(rows.map(resultKey)).size, 20);
  return rows;
}

test('2 workers and 20 cells give 20 rows, each once; the follower prints JSON lines; enqueuing again adds nothing', async (t) => {
  const redis = await startTestRedis(t);
  if (!redis) return;
  try {
    const results = join(dir, 'two-workers.jsonl');
    const grid = tinyGridArgs({ model, results, queue: redis.url, seeds: SEEDS });
    const { follower, workers } = await enqueueThenWork([...grid, '--json'], [workerArgs(redis.url), workerArgs(redis.url)]);
    const followed = await follower.done;
    assert.equal(followed.status, 0, followed.stderr);
    const lines = jsonLines(followed.stdout);
    assert.deepEqual([lines[0]!.event, lines[0]!.jobs, lines[0]!.added], ['enqueued', 20, 20]);
    assert.ok(lines.some((l) => l.event === 'progress'));
    const last = lines.at(-1)!;
    assert.deepEqual([last.event, (last.rows as unknown[]).length, (last.failed as unknown[]).length], ['done', 20, 0]);
    for (const w of workers) assert.equal((await w.done).status, 0);
    for (const row of assertTwentyOnce(results)) reference.set(resultKey(row), row);

    const again = cliSync([...grid, '--detach', '--json']);
    assert.equal(again.status, 0, again.stderr);
    const summary = JSON.parse(again.stdout);
    assert.deepEqual([summary.jobs, summary.added, summary.skipped], [0, 0, 20]);
    // collect into another file: the same 20 rows; a second collect appends nothing.
    const other = join(dir, 'collected.jsonl');
    const collected = JSON.parse(cliSync(['queue', 'collect', '--queue', redis.url, '--results', other, '--json']).stdout);
    assert.deepEqual([collected.appended, collected.already], [20, 0]);
    assert.deepEqual(JSON.parse(cliSync(['queue', 'collect', '--queue', redis.url, '--results', other, '--json']).stdout).appended, 0);
    assert.deepEqual(assertTwentyOnce(other).map((r) => resultKey(r)).sort(), [...reference.keys()].sort());
  } finally {
    await redis.stop();
  }
});

test('one worker running 2 cells at a time (--concurrency 2) writes the same 20 rows as two one-cell workers', async (t) => {
  const redis = await startTestRedis(t);
  if (!redis) return;
  assert.equal(reference.size, 20, 'the first test provides the rows to compare with');
  try {
    const results = join(dir, 'concurrent.jsonl');
    const { follower, workers } = await enqueueThenWork(tinyGridArgs({ model, results, queue: redis.url, seeds: SEEDS }), [workerArgs(redis.url, ['--concurrency', '2'])]);
    const followed = await follower.done;
    assert.equal(followed.status, 0, followed.stderr);
    const worker = await workers[0]!.done;
    assert.equal(worker.status, 0, worker.stderr);
    assert.equal(jsonLines(worker.stdout).find((l) => l.event === 'ready')?.concurrency, 2);
    for (const r of assertTwentyOnce(results)) assert.deepEqual(withoutWall(r), withoutWall(reference.get(resultKey(r))!));
  } finally {
    await redis.stop();
  }
});

test('a worker SIGKILLed mid-cell: the stalled job is retried on the other, still 20 rows, the killed cell as uninterrupted', async (t) => {
  const redis = await startTestRedis(t);
  if (!redis) return;
  assert.equal(reference.size, 20, 'the first test provides the uninterrupted rows');
  const checkpoints = join(dir, 'shared-ckpt');
  const connection = await openQueue(redis.url);
  try {
    const results = join(dir, 'killed.jsonl');
    const extra = ['--checkpoints', checkpoints, '--checkpoint-every', '1'];
    const { follower, workers } = await enqueueThenWork(tinyGridArgs({ model, results, queue: redis.url, seeds: SEEDS }), [workerArgs(redis.url, extra), workerArgs(redis.url, extra)]);
    // Catch a worker between a checkpoint of its cell and that cell's row: stop it, check, kill it.
    const killed = await waitFor('a worker mid-cell', async () => {
      const jobs = existsSync(checkpoints) ? readdirSync(checkpoints) : [];
      for (const id of jobs) {
        const ckpt = join(checkpoints, id, 'ckpt');
        const runs = existsSync(ckpt) ? readdirSync(ckpt) : [];
        if (!runs.some((r) => existsSync(join(ckpt, r, 'checkpoint.json')))) continue;
        const job = await connection.queue.getJob(id);
        const pid = Number(job?.processedBy?.split(':').at(-1));
        const worker = workers.find((w) => w.child.pid === pid);
        if (!job || !worker) continue;
        worker.child.kill('SIGSTOP');
        const cells = (job.data as { cells: Parameters<typeof resultKey>[0][] }).cells;
        const stored = await connection.redis.hexists(QUEUE_KEYS.rows, resultKey(cells[0]!));
        if (stored === 0 && runs.some((r) => existsSync(join(ckpt, r, 'checkpoint.json')))) {
          worker.child.kill('SIGKILL');
          return { id, pid, key: resultKey(cells[0]!) };
        }
        worker.child.kill('SIGCONT');
      }
      return undefined;
    }, 120_000, 20);
    const followed = await follower.done;
    assert.equal(followed.status, 0, followed.stderr);
    const survivor = workers.find((w) => w.child.pid !== killed.pid)!;
    assert.equal((await survivor.done).status, 0);
    const rows = assertTwentyOnce(results);
    const job = await connection.queue.getJob(killed.id);
    assert.ok(!job!.processedBy!.endsWith(`:${killed.pid}`), 'the other worker finished it');
    assert.ok(job!.attemptsStarted >= 2 || job!.stalledCounter >= 1, 'the job ran again after the kill');
    const row = rows.find((r) => resultKey(r) === killed.key)!;
    assert.deepEqual(withoutWall(row), withoutWall(reference.get(killed.key)!));
    for (const r of rows) assert.deepEqual(withoutWall(r), withoutWall(reference.get(resultKey(r))!));
  } finally {
    await connection.close();
    await redis.stop();
  }
});

test('Redis killed and restarted mid-run (AOF): no row lost or doubled; workers and the follower reconnect by themselves', async (t) => {
  const redis = await startTestRedis(t, { aof: true });
  if (!redis) return;
  const client = new Redis({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null, lazyConnect: true });
  client.on('error', () => undefined);
  try {
    const results = join(dir, 'restarted.jsonl');
    const { follower, workers } = await enqueueThenWork(tinyGridArgs({ model, results, queue: redis.url, seeds: SEEDS }), [workerArgs(redis.url), workerArgs(redis.url)]);
    await client.connect();
    await waitFor('4 rows stored', async () => ((await client.hlen(QUEUE_KEYS.rows)) >= 4 ? true : undefined), 120_000, 50);
    const beforeKill = await client.hlen(QUEUE_KEYS.rows);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    const followed = await follower.done;
    assert.equal(followed.status, 0, followed.stderr);
    for (const w of workers) assert.equal((await w.done).status, 0);
    assertTwentyOnce(results);
    assert.equal(await client.hlen(QUEUE_KEYS.rows), 20);
    // The restart came mid-run: the rest of the rows were stored by workers that reconnected.
    assert.ok(beforeKill < 20, `${beforeKill} rows before the restart`);
  } finally {
    client.disconnect();
    await redis.stop();
  }
});

test('a cell that always fails ends failed after its attempts with its error kept, and does not block the others', async (t) => {
  const redis = await startTestRedis(t);
  if (!redis) return;
  try {
    const results = join(dir, 'failing.jsonl');
    // No POS data for "qq": its two cells fail; en's two finish.
    const grid = [...tinyGridArgs({ model, results, queue: redis.url, seeds: '1', langs: 'en,qq' }), '--attempts', '2', '--retry-seconds', '0.2'];
    const { follower, workers: [worker] } = await enqueueThenWork(grid, [workerArgs(redis.url)]);
    const followed = await follower.done;
    assert.equal(followed.status, 4, followed.stderr);
    assert.match(followed.stderr, /error: 2 queued cell\(s\) failed after all attempts; first: pos-\w+-in-language-qq-seed1-\w+: .*no pos data for language "qq"/);
    assert.doesNotMatch(followed.stderr, /\n\s+at /);
    assert.equal((await worker!.done).status, 0);
    assert.deepEqual(loadResults(results).map((r) => [r.language, r.method]).sort(), [['en', 'finetune'], ['en', 'prompt']]);
    const status = JSON.parse(cliSync(['queue', 'status', '--queue', redis.url, '--json']).stdout);
    assert.deepEqual([status.counts.completed, status.counts.failed, status.rows], [2, 2, 2]);
    for (const f of status.failed) {
      assert.equal(f.attempts, 2);
      assert.equal(f.maxAttempts, 2);
      assert.match(f.error, /no pos data for language "qq"/);
    }
    const text = cliSync(['queue', 'status', '--queue', redis.url]);
    assert.match(text.stdout, /failed pos prompt qq seed 1 after 2\/2 attempt\(s\): .*no pos data/);
    // retry puts them back (no worker runs now); drain removes what has not started.
    const retried = JSON.parse(cliSync(['queue', 'retry', '--queue', redis.url, '--json']).stdout);
    assert.equal(retried.retried.length, 2);
    const connection = await openQueue(redis.url);
    try {
      assert.equal((await queueStatus(connection)).counts.waiting, 2);
      const bad = cliSync(['queue', 'retry', '--queue', redis.url, '--job', 'nope']);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--job was given nope, not a failed job/);
      assert.equal(JSON.parse(cliSync(['queue', 'drain', '--queue', redis.url, '--json']).stdout).removed, 2);
      assert.deepEqual((await queueStatus(connection)).counts, { waiting: 0, active: 0, delayed: 0, completed: 2, failed: 0 });
    } finally {
      await connection.close();
    }
  } finally {
    await redis.stop();
  }
});
