/** The messages between the job and its worker threads. */
import type { TokenCounter } from '../counter.js';
import type { WordSource } from '../../tables/tidy.js';

export interface WorkRequest {
  task: number;
  tokenizer: string;
  corpus: string;
  language: string;
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

export type WorkReply =
  | { task: number; ok: true; language: string; wordSource: WordSource; counter: TokenCounter; maxRssKb: number }
  | { task: number; ok: false; error: SerializedError };
