/** What the main thread of `analyze encode --workers N` and its worker threads send each other. */
import type { SerializedError } from '../../stats/job/messages.js';
import type { LineEncodeOptions } from './encode-lines.js';

/** Given to each thread at start: it loads the tokenizer itself. */
export interface EncodeWorkerData {
  spec: string;
  options: LineEncodeOptions;
}

export interface EncodeWorkerRequest {
  /** Block number in input order. */
  seq: number;
  bytes: Uint8Array;
  firstLine: number;
  streamStart: boolean;
}

export type EncodeWorkerReply =
  | { kind: 'ready' }
  | { kind: 'load-error'; error: SerializedError }
  | { kind: 'block'; seq: number; bytes: Uint8Array }
  | { kind: 'error'; seq: number; error: SerializedError };
