/**
 * Queue overhead per cell on loopback: `npm run bench:queue [-- --cells 200]`.
 *
 * Starts its own redis-server (Debian's) on a free port, then runs N no-op-sized cells (the
 * worker's cell runner returns a made-up row at once, so all that is measured is the queue):
 * - latency: one cell at a time, enqueue (the real path: plan, check rows, add) → job started on
 *   the worker → row stored in Redis, N times;
 * - throughput: N cells enqueued at once, one worker, first start → last row stored, per cell;
 * - reference, same run: a Redis PING round trip, and the same no-op runner called directly.
 */
import { parseArgs } from 'node:util';
import { startRedisServer } from '../test/helpers/redis.js';
import { enqueueGrid, openQueue, runQueueWorker, type CellRunner } from '../src/queue/index.js';
import { parseTuneConfig, type TuneConfig } from '../src/tuning/options.js';
import type { ResultRow } from '../src/tuning/results.js';

const { values } = parseArgs({ options: { cells: { type: 'string', default: '200' } } });
const N = Number(values.cells);

const noop: CellRunner = async (config) => config.langs.map((language): ResultRow => ({
  task: config.task, language, method: config.methods[0]!, setting: config.setting, seed: config.seeds[0]!, metric: 'accuracy', score: 0.5, n: 1,
  trainable_params: 1, total_params: 1, steps: 0, wall_s: 0, backend: 'none', model: config.modelName ?? config.model,
}));
const grid = (seeds: string, results: string): TuneConfig => parseTuneConfig({ task: 'pos', methods: 'prompt', langs: 'en', seeds, model: 'hub:bench/noop', results, steps: 1 });
const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)} ms`;
};

const redis = await startRedisServer();
try {
  const started = new Map<string, number>();
  const stored = new Map<string, number>();
  let stop: () => void = () => undefined;
  const worker = runQueueWorker(redis.url, {
    runCell: noop, stop: new Promise<void>((r) => { stop = r; }),
    onEvent: (e) => {
      if (e.event === 'start') started.set(e.job, performance.now());
      if (e.event === 'done') stored.set(e.job, performance.now());
    },
  });
  const connection = await openQueue(redis.url);
  await new Promise((r) => setTimeout(r, 500));

  // Reference: loopback round trip and the runner alone.
  const pings: number[] = [];
  for (let i = 0; i < N; i++) { const t0 = performance.now(); await connection.redis.ping(); pings.push(performance.now() - t0); }
  const direct: number[] = [];
  for (let i = 0; i < N; i++) { const t0 = performance.now(); await noop(grid(String(i + 1), '/tmp/x'), undefined as never); direct.push(performance.now() - t0); }

  // Latency: one cell at a time.
  const enqueueMs: number[] = [];
  const toStart: number[] = [];
  const toStored: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const { jobs } = await enqueueGrid(connection, grid(String(i + 1), '/tmp/tokgap-bench-queue-none.jsonl'));
    const t1 = performance.now();
    const id = jobs[0]!.id;
    while (!stored.has(id)) await new Promise((r) => setImmediate(r));
    enqueueMs.push(t1 - t0);
    toStart.push(started.get(id)! - t1);
    toStored.push(stored.get(id)! - started.get(id)!);
    total.push(stored.get(id)! - t0);
  }

  // Throughput: N cells at once.
  const seeds = Array.from({ length: N }, (_, i) => 100_000 + i).join(',');
  const b0 = performance.now();
  const batch = await enqueueGrid(connection, grid(seeds, '/tmp/tokgap-bench-queue-none.jsonl'));
  const b1 = performance.now();
  while (!batch.jobs.every((j) => stored.has(j.id))) await new Promise((r) => setTimeout(r, 5));
  const firstStart = Math.min(...batch.jobs.map((j) => started.get(j.id)!));
  const lastStored = Math.max(...batch.jobs.map((j) => stored.get(j.id)!));

  console.log(`queue overhead per cell, ${N} no-op cells, one worker (concurrency 1), Redis on loopback`);
  console.log(`reference  PING round trip: ${stats(pings)}; no-op runner alone: ${stats(direct)}`);
  console.log(`latency    enqueue (plan + check + add): ${stats(enqueueMs)}`);
  console.log(`           enqueued → started on the worker: ${stats(toStart)}`);
  console.log(`           started → row stored: ${stats(toStored)}`);
  console.log(`           enqueue call → row stored: ${stats(total)} (= ${(total.reduce((a, b) => a + b, 0) / N / (pings.reduce((a, b) => a + b, 0) / N)).toFixed(0)} PING round trips)`);
  console.log(`throughput ${N} enqueued at once in ${(b1 - b0).toFixed(0)} ms (${((b1 - b0) / N).toFixed(2)} ms per cell); first start → last row stored ${(lastStored - firstStart).toFixed(0)} ms = ${((lastStored - firstStart) / N).toFixed(2)} ms per cell`);
  stop();
  await worker;
  await connection.close();
} finally {
  await redis.stop();
}
