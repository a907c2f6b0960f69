/**
 * Results from any engine: rows with language, task, method, score and optionally seed and
 * setting (tokgap's own `ResultRow` JSON Lines is one such file). Validated with zod at the
 * boundary; a NaN score is kept (as NaN) so that the pipeline can report it as left out.
 *
 * `readResults` is the one reader of a results file: lenient (any engine's rows, as above) or
 * strict (tokgap's own `results.jsonl`, every `ResultRow` field checked by `ResultRowSchema`).
 */
import { z } from 'zod';
import type { TuningMethod } from '../tuning/results.js';
import type { ResultRow } from '../tuning/results.js';
import { loadResults } from '../tuning/results-io.js';
import { readTableFile, parseTableText, validateRecords, type RawRecord, type RowOrigin, type TableFormat } from '../tables/table-file.js';

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
  /** The tuned model; results of several models are analysed per model. */
  model: z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null || v.trim() === '' ? undefined : v.trim())),
});

/** A result row as read, with where it came from (for messages). */
export type ImportedResult = Omit<z.output<typeof ImportedResultSchema>, 'model'> & { model?: string | undefined } & RowOrigin;

function validate(records: readonly RawRecord[], file?: string): ImportedResult[] {
  return validateRecords(ImportedResultSchema, records, file, 'result',
    'columns task, language, method (prompt|finetune), score; optional seed, setting, model');
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
  return options.strict ? loadResults(path) : importResults(path);
}
