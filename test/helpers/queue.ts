/**
 * Queue tests run the built CLI (`dist/`) as separate processes: workers, the enqueuing command,
 * the queue commands. Cells are tiny: POS on the tiny pretrained model, a few steps each.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from './shared.js';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'dist/cli/main.js');

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Run `analyze ARGS` to the end. */
export function cliSync(args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves with the exit status and everything printed. */
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
  /** Resolves once stdout or stderr matches (rejects if the command ends first). */
  printed(pattern: RegExp): Promise<void>;
}

/** Start `analyze ARGS` in the background. */
export function cliStart(args: readonly string[]): RunningCli {
  const child = spawn(process.execPath, [main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += String(d); });
  child.stderr!.on('data', (d) => { stderr += String(d); });
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  const printed = (pattern: RegExp): Promise<void> => new Promise((resolve, reject) => {
    const seen = (): boolean => pattern.test(stdout) || pattern.test(stderr);
    if (seen()) { resolve(); return; }
    const onData = (): void => {
      if (!seen()) return;
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void done.then((r) => { if (!seen()) reject(new Error(`ended (${r.status}) without printing ${pattern}:\n${r.stderr}`)); });
  });
  return { child, done, printed };
}

/** Start the enqueuing command, wait until its jobs are in the queue, then start `workers` workers. */
export async function enqueueThenWork(gridArgs: readonly string[], workers: readonly (readonly string[])[]): Promise<{ follower: RunningCli; workers: RunningCli[] }> {
  const follower = cliStart(gridArgs);
  await follower.printed(/job\(s\) for this grid|"event":"enqueued"/);
  return { follower, workers: workers.map((args) => cliStart(args)) };
}

/** A 1-layer, d=32 model pretrained for one step, with its SentencePiece tokenizer beside it. */
export async function tinyPretrainedModel(dir: string): Promise<string> {
  const [{ pretrain }, { loadTokenizer }, { initBackend }] = await Promise.all([
    import('../../src/tuning/pretrain.js'), import('../../src/tokenizers/load.js'), import('../../src/tuning/backend.js'),
  ]);
  await initBackend('wasm');
  const corpus = join(dir, 'en.txt');
  writeFileSync(corpus, readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 20).map((l) => l.split('\t')[0]).join('\n'));
  const model = join(dir, 'model');
  await pretrain({ corpus, tokenizer: await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`), out: model, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 1, batchSize: 4 });
  return model;
}

/** `analyze tune` arguments of a grid of tiny POS cells: methods × seeds × langs. */
export function tinyGridArgs(o: { model: string; results: string; queue: string; seeds: string; langs?: string; steps?: number }): string[] {
  return ['tune', '--task', 'pos', '--methods', 'prompt,finetune', '--langs', o.langs ?? 'en', '--seeds', o.seeds, '--model', o.model,
    '--steps', String(o.steps ?? 3), '--eval-every', '10', '--results', o.results, '--data', FIXTURE_DATA_DIR, '--max-train', '4', '--max-eval', '2',
    '--virtual-tokens', '2', '--batch-size', '2', '--max-length', '24', '--backend', 'wasm', '--queue', o.queue];
}

/** Worker arguments with fast stall detection (tiny cells never block the event loop for long). */
export function workerArgs(queue: string, extra: readonly string[] = []): string[] {
  return ['worker', '--queue', queue, '--exit-when-done', '--lock-seconds', '3', '--stalled-check-seconds', '1', '--json', ...extra];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it returns a value (not undefined) or the time is up. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 120_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The JSON lines a --json command printed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}
