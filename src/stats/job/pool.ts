/**
 * A small worker-thread pool: each thread takes the next language as soon as it is free, so
 * uneven languages balance themselves. Works from compiled `dist/` (.js) and from source under
 * tsx (.ts): the worker file's extension is taken from this module's own URL.
 */
import { Worker } from 'node:worker_threads';
import { TokgapError } from '../../errors.js';
import type { SerializedError, WorkReply, WorkRequest } from './messages.js';

const EXT = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';
const WORKER_URL = new URL(`./worker${EXT}`, import.meta.url);

/**
 * From source, a worker thread does not inherit tsx's loader hooks, so it registers tsx itself
 * before importing the .ts worker; from dist/ the .js worker starts directly.
 */
function startWorker(): Worker {
  if (EXT === '.js') return new Worker(WORKER_URL);
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** Rebuild a worker's error on this side, keeping its stable code and fields. */
export function reviveError(e: SerializedError): Error {
  if (!e.code) {
    const err = new Error(e.message);
    err.name = e.name;
    if (e.stack) err.stack = e.stack;
    return err;
  }
  // The message already carries "file:line: …", so the fields are attached without re-formatting.
  const err = new TokgapError(e.code, e.message);
  Object.defineProperties(err, {
    file: { value: e.file }, line: { value: e.line }, field: { value: e.field }, expected: { value: e.expected },
  });
  return err;
}

export interface PoolResult {
  replies: Extract<WorkReply, { ok: true }>[];
}

/**
 * Run every request on `threads` workers; `onReply` sees each result as it arrives. The first
 * failure stops the pool and is thrown.
 */
export async function runPool(requests: readonly WorkRequest[], threads: number, onReply: (reply: Extract<WorkReply, { ok: true }>) => void): Promise<void> {
  if (requests.length === 0) return;
  const n = Math.max(1, Math.min(threads, requests.length));
  const workers: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = requests.length;
      let failed = false;
      const feed = (w: Worker): void => {
        if (next < requests.length) w.postMessage(requests[next++]);
      };
      for (let i = 0; i < n; i++) {
        const w = startWorker();
        workers.push(w);
        w.on('message', (reply: WorkReply) => {
          if (failed) return;
          if (!reply.ok) {
            failed = true;
            reject(reviveError(reply.error));
            return;
          }
          try {
            onReply(reply);
          } catch (error) {
            failed = true;
            reject(error);
            return;
          }
          if (--pending === 0) resolve();
          else feed(w);
        });
        w.on('error', (error) => {
          failed = true;
          reject(error);
        });
        w.on('exit', (code) => {
          if (!failed && pending > 0 && code !== 0) {
            failed = true;
            reject(new Error(`worker thread exited with code ${code}`));
          }
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
