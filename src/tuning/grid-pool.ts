/**
 * A local worker pool for a tuning grid: each run goes to a child process (`grid-worker.ts`) that
 * runs `tune(runTuneConfig(config, run))` in its own wasm heap, so a grid keeps every core busy
 * (wasm threads do not start under Node, so one process uses one core). Children append their rows
 * to the shared results file themselves, one O_APPEND write per row (`appendResult`), so rows never
 * interleave and a rerun skips every cell already written. Each run keeps its own checkpoint
 * folder (`<results>.ckpt/<run>/`), so an interrupted run resumes wherever it is run next.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { TokgapError } from '../errors.js';
import { withInterruptsDeferred } from '../util/interrupt.js';
import type { GridRun, RunGridSummary, TuneSummary } from './grid.js';
import type { TuneConfig } from './options.js';
import { runTuneConfig } from './run-config.js';
import { sharedCoresEnv } from './backend/blas.js';
import type { MemoryCheck } from './xglm/memory.js';

/** Parent → child: the one run to do. */
export interface ParentMessage {
  type: 'run';
  config: TuneConfig;
}

/** Child → parent. */
export type ChildMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'memory'; check: MemoryCheck }
  | { type: 'done'; summary: TuneSummary }
  | { type: 'error'; error: { tokgap: boolean; code: string; message: string; stack?: string } };

/** How many workers a grid runs with, and why. */
export interface PoolChoice {
  workers: number;
  /** `--workers` as given; absent means "as many as useful". */
  requested?: number;
  /** Runs of the grid still to do. */
  runs: number;
  /** `os.availableParallelism()`. */
  cores: number;
  /** Workers the free memory holds at `perProcessBytes` each. */
  memoryAllows: number;
  /** The memory plan's largest run plus what a Node + tfjs process needs beside it. */
  perProcessBytes: number;
  /** One line for people: `2 workers (2 runs, 2 cores, memory for 9)`. */
  reason: string;
}

/** A child holds Node, tfjs, the tokenizer and the data beside what the memory plan counts. */
const PROCESS_OVERHEAD_BYTES = 500e6;

/**
 * Workers for `runs` runs: as asked (`requested`), else as many as useful, i.e.
 * min(runs, cores, what free memory holds); never more than runs or the memory allows.
 */
export function choosePoolWorkers(input: {
  runs: number;
  requested?: number;
  memory: readonly MemoryCheck[];
  cores?: number;
  freeBytes?: number;
}): PoolChoice {
  const cores = input.cores ?? availableParallelism();
  const perProcessBytes = Math.max(0, ...input.memory.map((m) => m.total)) + PROCESS_OVERHEAD_BYTES;
  const memoryAllows = Math.max(1, Math.floor((input.freeBytes ?? freemem()) / perProcessBytes));
  const runs = Math.max(1, input.runs);
  const gb = (x: number): string => `${(x / 1e9).toFixed(1)} GB`;
  const why = `${input.runs} run(s), ${cores} core(s), free memory for ${memoryAllows} at about ${gb(perProcessBytes)} each`;
  if (input.requested !== undefined) {
    const workers = Math.max(1, Math.min(input.requested, runs, memoryAllows));
    const capped = workers < input.requested ? `, fewer than the ${input.requested} asked` : '';
    return { workers, requested: input.requested, runs: input.runs, cores, memoryAllows, perProcessBytes, reason: `${workers} worker(s)${capped} (${why})` };
  }
  const workers = Math.max(1, Math.min(runs, cores, memoryAllows));
  return { workers, runs: input.runs, cores, memoryAllows, perProcessBytes, reason: `${workers} worker(s), as many as useful (${why})` };
}

/** A child failed or was killed: names the cell; the other cells' rows are kept. */
export class GridWorkerError extends TokgapError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** What a run in flight was doing when the pool was interrupted. */
export interface PoolInterruption {
  signal: NodeJS.Signals;
  /** Rows written by this pool before it stopped. */
  rowsWritten: number;
  /** Cells stopped in flight; each keeps its checkpoint under `checkpointRoot`. */
  stopped: string[];
  /** Runs never started. */
  notStarted: number;
  checkpointRoot: string;
}

export interface PoolHooks {
  /** The worker count and why, said before the first child starts. */
  onWorkers?: (choice: PoolChoice) => void;
  /** A child started a run (its process id, e.g. to watch it). */
  onCellStart?: (info: { run: GridRun; label: string; pid: number }) => void;
  /** A child finished a run and wrote its rows. */
  onCellDone?: (info: { run: GridRun; label: string; rows: number }) => void;
  /** SIGINT/SIGTERM reached the pool: every child has stopped; called before the interrupt takes effect. */
  onInterrupted?: (info: PoolInterruption) => void;
}

export interface RunPoolOptions extends PoolHooks {
  choice: PoolChoice;
  /** `done` of `total` steps over every worker, `label` naming the cells in flight. */
  onProgress?: (label: string, done: number, total: number) => void;
}

/** `pos prompt en seed 1` (zero-shot: `en→*`). */
export function runLabel(run: GridRun): string {
  return `${run.task} ${run.method} ${run.trainLanguage}${run.setting === 'zero-shot' ? '→*' : ''} seed ${run.seed}`;
}

/** The compiled child entry beside this module (`.ts` when running from source under tsx). */
function workerEntry(): string {
  const js = fileURLToPath(new URL('./grid-worker.js', import.meta.url));
  if (existsSync(js)) return js;
  return fileURLToPath(new URL('./grid-worker.ts', import.meta.url));
}

/** The last lines a child wrote to stderr, for the message when it dies without a word. */
function keepTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { tail = (tail + chunk).slice(-2000); });
  child.stdout?.resume(); // a child's stdout is not ours to print (the parent owns --json)
  return () => tail.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0] ?? '';
}

/**
 * Run `runs` of `config`'s grid on `options.choice.workers` child processes. `base` is the grid's
 * summary so far (skipped cells, memory plan); the rows of every finished run are added in plan
 * order. On SIGINT/SIGTERM the signal goes to every child, each stops (keeping its checkpoint),
 * `onInterrupted` says what was kept and the interrupt then takes effect. A child's failure stops
 * new runs, lets the running ones finish, and throws naming the failed cell.
 */
export async function runGridPool(config: TuneConfig, runs: readonly GridRun[], base: RunGridSummary, options: RunPoolOptions): Promise<RunGridSummary> {
  const { workers } = options.choice;
  const total = runs.length * config.steps;
  const labels = runs.map((run, k) => `cell ${k + 1}/${runs.length}: ${runLabel(run)}`);
  const progress = runs.map(() => 0);
  const finished: (TuneSummary | undefined)[] = runs.map(() => undefined);
  const failures: { k: number; code: string; message: string; tokgap: boolean; stack?: string }[] = [];
  const live = new Map<number, ChildProcess>();
  let next = 0;
  let stopping: NodeJS.Signals | undefined;
  let signals = 0;

  const draw = (): void => {
    const running = [...live.keys()].sort((x, y) => x - y).map((k) => labels[k]!).join(' · ');
    const head = `${workers} workers, ${finished.filter(Boolean).length}/${runs.length} runs done`;
    options.onProgress?.(running ? `${head}: ${running}` : head, progress.reduce((a, b) => a + b, 0), total);
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    stopping ??= signal;
    signals++;
    // A second Ctrl-C does not wait for the children to stop.
    for (const child of live.values()) child.kill(signals > 1 ? 'SIGKILL' : signal);
  };

  await withInterruptsDeferred(onSignal, () => new Promise<void>((allDone) => {
    const launch = (): void => {
      while (stopping === undefined && failures.length === 0 && live.size < workers && next < runs.length) start(next++);
      if (live.size === 0) allDone();
    };
    const start = (k: number): void => {
      const run = runs[k]!;
      const child = fork(workerEntry(), [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json', env: sharedCoresEnv(workers) });
      live.set(k, child);
      const lastLine = keepTail(child);
      let outcome: ChildMessage | undefined;
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'progress') { progress[k] = m.done; draw(); }
        else if (m.type === 'done' || m.type === 'error') outcome = m;
        // The memory plan was said by the parent for every method before any child started.
      });
      let ended = false;
      const end = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
        if (ended) return;
        ended = true;
        live.delete(k);
        if (outcome?.type === 'done') {
          finished[k] = outcome.summary;
          progress[k] = config.steps;
          options.onCellDone?.({ run, label: labels[k]!, rows: outcome.summary.rows.length });
        } else if (outcome?.type === 'error') {
          failures.push({ k, ...outcome.error });
        } else if (stopping === undefined) {
          const how = spawnError ? `could not start (${spawnError.message})` : signal ? `was killed by ${signal}` : `exited with status ${code}`;
          const said = lastLine();
          failures.push({ k, tokgap: true, code: 'WORKER_KILLED', message: `its worker process ${how}${said ? `; its last words: ${said}` : ''}` });
        }
        draw();
        launch();
      };
      child.on('exit', (code, signal) => end(code, signal));
      child.on('error', (error) => end(null, null, error));
      child.send({ type: 'run', config: runTuneConfig(config, run) } satisfies ParentMessage);
      options.onCellStart?.({ run, label: labels[k]!, pid: child.pid ?? -1 });
      draw();
    };
    launch();
  }).then(() => {
    if (stopping === undefined) return;
    options.onInterrupted?.({
      signal: stopping,
      rowsWritten: finished.reduce((n, s) => n + (s?.rows.length ?? 0), 0),
      stopped: failures.length === 0 ? labels.filter((_, k) => k < next && finished[k] === undefined) : [],
      notStarted: runs.length - next,
      checkpointRoot: `${config.results}.ckpt`,
    });
  }));
  // Reached only when the interrupt handler let the process live on (library use without one that exits).
  if (stopping !== undefined) throw new TokgapError('INTERRUPTED', `grid interrupted by ${stopping}: finished cells are in ${config.results}; run it again to resume`);

  const summary: RunGridSummary = { ...base, rows: [...base.rows], notes: [...base.notes] };
  for (const s of finished) {
    if (s === undefined) continue;
    summary.rows.push(...s.rows);
    for (const note of s.notes) if (!summary.notes.includes(note)) summary.notes.push(note);
  }
  if (failures.length > 0) throw _failureError(failures, labels, summary.rows.length, config.results);
  return summary;
}

function _failureError(failures: { k: number; code: string; message: string; tokgap: boolean; stack?: string }[], labels: string[], written: number, results: string): Error {
  const first = failures.sort((a, b) => a.k - b.k)[0]!;
  const others = failures.length > 1 ? `; ${failures.length - 1} other cell(s) failed too (${failures.slice(1).map((f) => labels[f.k]).join(', ')})` : '';
  const message = `${labels[first.k]} failed: ${first.message}${others}; ${written} cell(s) finished and are in ${results}, so the same command resumes after the fix`;
  if (first.tokgap) return new GridWorkerError(first.code, message);
  // A bug in the child: the CLI says "internal error" in one line; --debug shows the child's trace.
  const error = new Error(message);
  if (first.stack) error.stack = `${message}\n--- in the worker process:\n${first.stack}`;
  return error;
}
