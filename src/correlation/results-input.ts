/**
 * Results from any engine: rows with language, task, method, score and optionally seed and
 * setting (tokgap's own `ResultRow` JSON Lines is one such file). Validated with zod at the
 * boundary; a NaN score is kept (as NaN) so that the pipeline can report it as left out.
 *
 * `readResults` is the one reader of a results file: lenient (any engine's rows, as above) or
 * strict (tokgap's own `results.jsonl`, every `ResultRow` field checked by `ResultRowSchema`).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { TuningMethod } from '../tuning/results.js';
import { BadInputError } from '../errors.js';
import type { ResultRow } from '../tuning/results.js';
import { ResultRowSchema } from '../tuning/results-io.js';
import { parseWithSchema } from '../util/parse-schema.js';
import { readTableFile, parseTableText, validateRecords, type RawRecord, type RowOrigin, type TableFormat } from './table-file.js';

const METHOD_ALIASES: Record<string, TuningMethod> = {
  prompt: 'prompt', pt: 'prompt', 'prompt-tuning': 'prompt', prompt_tuning: 'prompt', prompttuning: 'prompt',
  finetune: 'finetune', ft: 'finetune', 'fine-tuning': 'finetune', fine_tuning: 'finetune', full: 'finetune', 'full-finetune': 'finetune',
};

/** A number, a numeric string, or NaN spelled `nan`/`NaN`/empty (kept so it can be reported). */
const Score = z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
  if (v === null) return NaN;
  if (typeof v === 'number') return v;
  const s = v.trim();
  if (s === '' || s.toLowerCase() === 'nan') return NaN;
  const n = Number(s);
  if (Number.isNaN(n)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a number` });
    return z.NEVER;
  }
  return n;
});

const OptionalInt = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '') return 0;
    const n = typeof v === 'number' ? v : Number(v.trim());
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not an integer` });
      return z.NEVER;
    }
    return n;
  });

export const ImportedResultSchema = z.object({
  task: z.string().trim().min(1),
  language: z.string().trim().min(1),
  method: z.string().transform((v, ctx) => {
    const m = METHOD_ALIASES[v.trim().toLowerCase()];
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `unknown method "${v}"; expected prompt (pt) or finetune (ft)` });
      return z.NEVER;
    }
    return m;
  }),
  score: Score,
  seed: OptionalInt,
  setting: z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null || v.trim() === '' ? 'in-language' : v.trim())),
});

/** A result row as read, with where it came from (for messages). */
export type ImportedResult = z.output<typeof ImportedResultSchema> & RowOrigin;

function validate(records: readonly RawRecord[], file?: string): ImportedResult[] {
  return validateRecords(ImportedResultSchema, records, file, 'result',
    'columns task, language, method (prompt|finetune), score; optional seed, setting');
}

/** Reads and validates a results file (`.csv`, `.json`, `.jsonl`). */
export function importResults(path: string): ImportedResult[] {
  return validate(readTableFile(path), path);
}

/** Same as `importResults` for text already in memory. */
export function fromResultsText(text: string, format: TableFormat, file?: string): ImportedResult[] {
  return validate(parseTableText(text, format, file), file);
}

export interface ResultsFileOptions {
  /** tokgap's own JSON Lines: every `ResultRow` field required and checked; a missing file is empty. */
  strict?: boolean;
}

/** Reads a results file; see `ResultsFileOptions` for strict. */
export function readResults(path: string, options: { strict: true }): ResultRow[];
export function readResults(path: string, options?: ResultsFileOptions): ImportedResult[];
export function readResults(path: string, options: ResultsFileOptions = {}): ResultRow[] | ImportedResult[] {
  if (!options.strict) return importResults(path);
  if (!existsSync(path)) return [];
  return readTableFile(path, 'jsonl', { badJsonLine: 'results line is not valid JSON' }).map(({ line, value }) =>
    parseWithSchema(ResultRowSchema, value, (message, field) =>
      new BadInputError(`bad results row: ${message}`, { file: path, line, field, expected: 'the ResultRow fields (docs/tuning.md)' })));
}
