/** The messages between the job and its worker threads. */
import type { TokenCounter } from '../counter.js';
import type { UnitStats } from '../unit-stats.js';
import type { WordSource } from '../../tables/tidy.js';

/** Count one language with several tokenizers (`tasks[i]` is the job's index of `tokenizers[i]`). */
export interface WorkRequest {
  tasks: number[];
  tokenizers: string[];
  corpus: string;
  language: string;
  /** Keep per-segment statistics for bootstrap intervals. */
  units?: boolean;
}

export interface SerializedError {
  name: string;
  code?: string;
  message: string;
  file?: string;
  line?: number;
  field?: string;
  expected?: string;
  stack?: string;
}

export interface WorkCount {
  task: number;
  language: string;
  wordSource: WordSource;
  counter: TokenCounter;
  units?: UnitStats;
}

export type WorkReply =
  | { ok: true; counts: WorkCount[]; maxRssKb: number }
  | { ok: false; error: SerializedError };
