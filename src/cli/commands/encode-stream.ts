/**
 * `analyze encode` as a pipeline: the input is cut into blocks of whole lines, each block is
 * encoded to output bytes (encode-lines.ts), and the blocks are written in input order, one
 * `write` per block. With `workers` > 1 the blocks go to worker threads (encode-worker.ts), each
 * with its own copy of the tokenizer; a bounded number of blocks is in flight, so memory stays
 * bounded on any input size.
 */
import type { Worker } from 'node:worker_threads';
import { reviveError } from '../../stats/job/pool.js';
import { startWorkerThread, workerModuleUrl } from '../../util/worker-thread.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import { LineBlockEncoder, type LineEncodeOptions } from './encode-lines.js';
import type { EncodeWorkerData, EncodeWorkerReply, EncodeWorkerRequest } from './encode-worker-messages.js';

const NL = 0x0a;
/** Blocks per worker waiting or in work: enough to keep it busy while the main thread writes. */
const IN_FLIGHT_PER_WORKER = 4;

export interface LineBlock {
  bytes: Uint8Array;
  /** Input lines before this block (0-based number of its first line). */
  firstLine: number;
  streamStart: boolean;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(NL); i >= 0; i = bytes.indexOf(NL, i + 1)) n++;
  return n;
}

/**
 * The input as blocks of whole lines (each ends in "\n"; the last one may not). A line longer
 * than a chunk is carried until its "\n" arrives.
 */
export async function* lineBlocks(input: AsyncIterable<Buffer | string>): AsyncGenerator<LineBlock> {
  let carry: Buffer[] = [];
  let carried = 0;
  let line = 0;
  let first = true;
  const emit = (bytes: Uint8Array): LineBlock => {
    const block = { bytes, firstLine: line, streamStart: first };
    first = false;
    line += countLines(bytes);
    return block;
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const nl = chunk.lastIndexOf(NL);
    if (nl < 0) { carry.push(chunk); carried += chunk.length; continue; }
    const head = chunk.subarray(0, nl + 1);
    yield emit(carried > 0 ? Buffer.concat([...carry, head]) : head);
    carry = nl + 1 < chunk.length ? [chunk.subarray(nl + 1)] : [];
    carried = chunk.length - nl - 1;
  }
  if (carried > 0) yield emit(Buffer.concat(carry));
}

export type WriteBytes = (bytes: Uint8Array) => Promise<void> | void;

/** Encode every block in this thread. */
export async function encodeBlocks(blocks: AsyncIterable<LineBlock>, tokenizer: Tokenizer, options: LineEncodeOptions, write: WriteBytes): Promise<void> {
  const encoder = new LineBlockEncoder(tokenizer, options);
  for await (const b of blocks) {
    const out = encoder.encode(b.bytes, b.firstLine, b.streamStart);
    if (out.bytes.length > 0) await write(out.bytes);
  }
}

const WORKER_URL = workerModuleUrl(import.meta.url, 'encode-worker');

/**
 * Encode every block on `workers` threads that load `spec` themselves; output in input order.
 * `onReady` runs once every thread has loaded the tokenizer (the CLI prints its notice then).
 * The first failure, in input order (a bad line, a tokenizer that does not load), is thrown.
 */
export async function encodeBlocksInWorkers(blocks: AsyncIterable<LineBlock>, spec: string, options: LineEncodeOptions, workers: number, write: WriteBytes, onReady?: () => void): Promise<void> {
  const data: EncodeWorkerData = { spec, options };
  const pool: Worker[] = [];
  const busy: number[] = [];
  const done = new Map<number, EncodeWorkerReply>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => { const w = wake; wake = undefined; w?.(); };
  let loaded = 0;
  for (let i = 0; i < workers; i++) {
    const w = startWorkerThread(WORKER_URL, { workerData: data });
    const index = i;
    busy.push(0);
    w.on('message', (reply: EncodeWorkerReply) => {
      if (reply.kind === 'ready') loaded++;
      else if (reply.kind === 'load-error') failure ??= reviveError(reply.error);
      else { busy[index]!--; done.set(reply.seq, reply); }
      notify();
    });
    w.on('error', (error) => { failure ??= error; notify(); });
    w.on('exit', (code) => {
      if (code !== 0) { failure ??= new Error(`encode worker thread exited with code ${code}`); notify(); }
    });
    pool.push(w);
  }
  const wait = (): Promise<void> => new Promise<void>((resolve) => { wake = resolve; });
  let sent = 0;
  let written = 0;
  /** Write every finished block that is next in order; throws a block's error in its turn. */
  const flush = async (): Promise<void> => {
    for (let r = done.get(written); r !== undefined; r = done.get(written)) {
      done.delete(written);
      if (r.kind === 'error') throw reviveError(r.error);
      if (r.kind === 'block' && r.bytes.length > 0) await write(r.bytes);
      written++;
    }
  };
  /** Until the next block in order is back (or something failed). */
  const waitForReply = async (): Promise<void> => {
    while (!failure && !done.has(written)) await wait();
    if (failure) throw failure;
  };
  try {
    // Every thread loads the tokenizer before any input is read: a bad spec fails before work.
    while (!failure && loaded < workers) await wait();
    if (failure) throw failure;
    onReady?.();
    for await (const b of blocks) {
      while (sent - written >= IN_FLIGHT_PER_WORKER * workers) {
        await flush();
        if (sent - written >= IN_FLIGHT_PER_WORKER * workers) await waitForReply();
      }
      let target = 0;
      for (let i = 1; i < workers; i++) if (busy[i]! < busy[target]!) target = i;
      busy[target]!++;
      const req: EncodeWorkerRequest = { seq: sent++, bytes: b.bytes, firstLine: b.firstLine, streamStart: b.streamStart };
      pool[target]!.postMessage(req);
      await flush();
    }
    while (written < sent) {
      await flush();
      if (written < sent) await waitForReply();
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
