/**
 * Reads tidy tokenization statistics (`StatRow`: tokenizer, corpus, language, metric, value,
 * word_source) from CSV, JSON or JSON Lines. An empty / NaN value becomes null (undefined
 * statistic), never 0.
 */
import { z } from 'zod';
import type { StatRow } from '../tables/tidy.js';
import { readTableFile, parseTableText, validateRecords, type RawRecord, type RowOrigin, type TableFormat } from './table-file.js';

export const StatInputSchema = z.object({
  tokenizer: z.string().trim().min(1),
  corpus: z.string().trim().default(''),
  language: z.string().trim().min(1),
  metric: z.string().trim().min(1),
  value: z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
    if (v === null) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    const s = v.trim();
    if (s === '' || s.toLowerCase() === 'nan' || s.toLowerCase() === 'null') return null;
    const n = Number(s);
    if (Number.isNaN(n)) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a number` });
      return z.NEVER;
    }
    return n;
  }),
  word_source: z.string().optional(),
});

/** A statistics row as read: `metric` may be any name (users can bring their own metrics). */
export type StatInput = Omit<StatRow, 'metric' | 'word_source'> & { metric: string; word_source?: string } & RowOrigin;

function validate(records: readonly RawRecord[], file?: string): StatInput[] {
  return validateRecords(StatInputSchema, records, file, 'statistics',
    'columns tokenizer, corpus, language, metric, value (the tidy table of `analyze tokenization`)');
}

export function loadStats(path: string): StatInput[] {
  return validate(readTableFile(path), path);
}

export function fromStatsText(text: string, format: TableFormat, file?: string): StatInput[] {
  return validate(parseTableText(text, format, file), file);
}

/** Already-typed rows from the tokenization stage (no file). */
export function fromStatRows(rows: readonly StatRow[]): StatInput[] {
  return rows.map((r, i) => ({ ...r, line: i + 1 }));
}
