/**
 * Reads tidy tokenization statistics (`StatRow`: tokenizer, corpus, language, metric, value,
 * word_source) from CSV, JSON or JSON Lines. An empty / NaN value becomes null (undefined
 * statistic), never 0.
 *
 * `readStatsTable` is the one reader of the table: lenient (any metric name, optional corpus and
 * word_source; for correlation with users' own metrics) or strict (the tidy table exactly as
 * `analyze tokenization` writes it; for the tokenization report).
 */
import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { METRIC_NAMES, type StatRow } from '../tables/tidy.js';
import { TIDY_BASE_COLUMNS } from '../tables/write.js';
import { parseCsv } from '../tables/csv.js';
import { readUtf8Text } from '../corpora/read-text.js';
import { formatOf, readTableFile, parseTableText, validateRecords, type RawRecord, type RowOrigin, type TableFormat } from '../tables/table-file.js';

/** How a missing statistic is spelled in a cell (both modes): empty, NaN, null, NA, none. */
const MISSING = /^(|nan|null|na|none)$/i;

export const StatInputSchema = z.object({
  tokenizer: z.string().trim().min(1),
  corpus: z.string().trim().default(''),
  language: z.string().trim().min(1),
  metric: z.string().trim().min(1),
  value: z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
    if (v === null) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    const s = v.trim();
    if (MISSING.test(s)) return null;
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

export interface StatsTableOptions {
  /** Require the tidy table's six columns, a known metric and word_source gold|segmenter. */
  strict?: boolean;
}

/** Reads a statistics table (`.csv`, `.json`, `.jsonl`); see `StatsTableOptions` for strict. */
export function readStatsTable(path: string, options: { strict: true }): StatRow[];
export function readStatsTable(path: string, options?: StatsTableOptions): StatInput[];
export function readStatsTable(path: string, options: StatsTableOptions = {}): StatRow[] | StatInput[] {
  if (!options.strict) return loadStats(path);
  const format = formatOf(path);
  const text = readUtf8Text(path);
  if (format !== 'csv') return parseTableText(text, format, path).map((r) => toStatRow(r.value, path, r.line));
  if (text.trim() === '') return [];
  // Strings kept as typed (UDHR's `007` stays a string); a wrong field count names its line.
  const { header, records } = parseCsv(text, path);
  for (const c of TIDY_BASE_COLUMNS) {
    if (!header.includes(c)) throw new BadInputError(`missing column "${c}"`, { file: path, line: 1, field: c, expected: `a header with ${TIDY_BASE_COLUMNS.join(', ')}` });
  }
  return records.map((r) => toStatRow(r.values, path, r.line));
}

/** `''`, `NaN`, `null`, `NA` → null (missing), else a finite number or an error naming the line. */
export function strictValue(raw: unknown, file: string, line: number, field = 'value'): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = String(raw).trim();
  if (MISSING.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new BadInputError(`${field} "${text}" is not a number`, { file, line, field, expected: 'a number, or empty/NaN for missing' });
  return value;
}

function toStatRow(raw: Record<string, unknown>, file: string, line: number): StatRow {
  for (const c of TIDY_BASE_COLUMNS) {
    if (!(c in raw)) throw new BadInputError(`missing column "${c}"`, { file, line, field: c, expected: `columns ${TIDY_BASE_COLUMNS.join(', ')}` });
  }
  const metric = String(raw.metric);
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new BadInputError(`unknown metric "${metric}"`, { file, line, field: 'metric', expected: `one of ${METRIC_NAMES.join(', ')}` });
  }
  const wordSource = String(raw.word_source);
  if (wordSource !== 'gold' && wordSource !== 'segmenter') {
    throw new BadInputError(`unknown word_source "${wordSource}"`, { file, line, field: 'word_source', expected: 'gold or segmenter' });
  }
  return {
    tokenizer: String(raw.tokenizer),
    corpus: String(raw.corpus),
    language: String(raw.language),
    metric: metric as StatRow['metric'],
    value: strictValue(raw.value, file, line),
    word_source: wordSource,
    // The interval columns are an extension: tables written before them load without.
    value_low: 'value_low' in raw ? strictValue(raw.value_low, file, line, 'value_low') : null,
    value_high: 'value_high' in raw ? strictValue(raw.value_high, file, line, 'value_high') : null,
  };
}
