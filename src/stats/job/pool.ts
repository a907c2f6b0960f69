/**
 * A small worker-thread pool: each thread takes the next language as soon as it is free, so
 * uneven languages balance themselves (from `dist/` or from source: `util/worker-thread.ts`).
 */
import type { Worker } from 'node:worker_threads';
import { TokgapError, isTokgapError } from '../../errors.js';
import { startWorkerThread, workerModuleUrl } from '../../util/worker-thread.js';
import type { SerializedError, WorkReply, WorkRequest } from './messages.js';

const WORKER_URL = workerModuleUrl(import.meta.url, 'worker');

function startWorker(): Worker {
  return startWorkerThread(WORKER_URL);
}

/** A thrown value as a worker posts it back: message, stack, and a TokgapError's code and fields. */
export function serializeError(error: unknown): SerializedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields = isTokgapError(e) ? { code: e.code, file: e.file, line: e.line, field: e.field, expected: e.expected } : {};
  return { name: e.name, message: e.message, stack: e.stack, ...fields };
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
