import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { parseWithSchema } from '../util/parse-schema.js';
import { readTableFile } from '../tables/table-file.js';
import { WORD_TOKEN_CHOICES } from '../tasks/token-align.js';
import { METHOD_NAMES, SETTING_NAMES, cellKey, type ResultRow } from './results.js';

/** Zod schema of one results line; mirrors `ResultRow` field for field (checked by the type below). */
export const ResultRowSchema = z.object({
  task: z.string().min(1),
  language: z.string().min(1),
  method: z.enum(METHOD_NAMES),
  setting: z.enum(SETTING_NAMES),
  seed: z.number().int(),
  metric: z.string().min(1),
  score: z.number().min(0).max(1),
  n: z.number().int().nonnegative(),
  trainable_params: z.number().int().nonnegative(),
  total_params: z.number().int().nonnegative(),
  steps: z.number().int().nonnegative(),
  wall_s: z.number().nonnegative(),
  backend: z.string(),
  model: z.string(),
  saved: z.string().min(1).optional(),
  baseline: z.number().min(0).max(1).optional(),
  word_token: z.enum(WORD_TOKEN_CHOICES).optional(),
  freeze_embeddings: z.boolean().optional(),
}).strict();

// Compile-time check that the schema and the contract agree both ways.
type _Parsed = z.infer<typeof ResultRowSchema>;
const _toContract = (r: _Parsed): ResultRow => r;
const _fromContract = (r: ResultRow): Omit<_Parsed, 'task' | 'metric'> => r;
void _toContract; void _fromContract;

/**
 * The strict reader of tokgap's own results file (JSON Lines, every `ResultRow` field checked); a
 * missing file is empty. Lines go through the one table reader, so a bad line names file and line.
 * `readResults(path)` of the correlation layer is its lenient form for any engine's rows.
 */
export function loadResults(file: string): ResultRow[] {
  if (!existsSync(file)) return [];
  return readTableFile(file, 'jsonl', { badJsonLine: 'results line is not valid JSON' }).map(({ line, value }) =>
    parseWithSchema(ResultRowSchema, value, (message, field) =>
      new BadInputError(`bad results row: ${message}`, { file, line, field, expected: 'the ResultRow fields (docs/tuning.md)' })));
}

/**
 * Append one row as one JSON line with a single O_APPEND write, so several processes can share a
 * results file without losing rows (a read-rewrite would drop a row written in between).
 */
export function appendResult(file: string, row: ResultRow): void {
  const checked = ResultRowSchema.parse(row);
  mkdirSync(dirname(file), { recursive: true });
  let sep = '';
  if (existsSync(file) && statSync(file).size > 0) {
    // A previous writer killed mid-line leaves no newline: start on a fresh line so only that row is bad.
    const fd = openSync(file, 'r');
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, statSync(file).size - 1);
    closeSync(fd);
    if (last[0] !== 0x0a) sep = '\n';
  }
  appendFileSync(file, `${sep}${JSON.stringify(checked)}\n`);
}

/** The identity of a grid cell (`cellKey` of results.ts, the one definition). */
export const resultKey: (r: Pick<ResultRow, 'task' | 'language' | 'method' | 'setting' | 'seed' | 'model'>) => string = cellKey;
