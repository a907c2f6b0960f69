/**
 * Reads a table file by extension: `.csv`, `.json` (an array of objects), `.jsonl` / `.ndjson`
 * (one object per line). Each record keeps its line (CSV, JSONL) or index (JSON) for errors.
 */
import { extname } from 'node:path';
import type { z } from 'zod';
import { readUtf8Text } from '../corpora/read-text.js';
import { parseWithSchema } from '../util/parse-schema.js';
import { parseCsv } from './csv.js';
import { BadInputError } from '../errors.js';

export interface RawRecord {
  /** 1-based line (CSV, JSONL) or 1-based array position (JSON). */
  line: number;
  value: Record<string, unknown>;
}

export type TableFormat = 'csv' | 'json' | 'jsonl';

/** Where a validated row came from, for messages. */
export interface RowOrigin {
  line: number;
  file?: string;
}

/** Validates each record with `schema`; a bad row is an error naming file, line and field. */
export function validateRecords<S extends z.ZodType<object>>(
  schema: S,
  records: readonly RawRecord[],
  file: string | undefined,
  what: string,
  expected: string,
): (z.output<S> & RowOrigin)[] {
  return records.map(({ line, value }) => {
    const row = parseWithSchema(schema, value, (message, field) =>
      new BadInputError(`invalid ${what} row: ${message}`, { file, line, field: field || undefined, expected }));
    return file === undefined ? { ...row, line } : { ...row, line, file };
  });
}

export function formatOf(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new BadInputError(`unknown table format "${ext || '(none)'}"`, { file: path, expected: '.csv, .json, .jsonl or .ndjson' });
}

/** Reads as strict UTF-8 (corpora's decoder): a mis-encoded cell is an error naming the line, not U+FFFD. */
export function readTableFile(path: string, format: TableFormat = formatOf(path), messages: TableTextMessages = {}): RawRecord[] {
  return parseTableText(readUtf8Text(path), format, path, messages);
}

/** Wording of a bad JSON line, for readers whose messages name what the file holds. */
export interface TableTextMessages {
  badJsonLine?: string;
}

/**
 * JSON is an array of row objects, `{"rows": [...]}`, or Arquero's column form
 * `{"data": {column: values[]}}` (what `toJSON()` writes).
 */
/** Arquero's column form as row objects (undefined if `parsed` is not that form). */
function columnsToRows(parsed: unknown): unknown[] | undefined {
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const columns = Object.entries(data as Record<string, unknown>);
  if (!columns.every(([, v]) => Array.isArray(v))) return undefined;
  const n = columns.length ? (columns[0]![1] as unknown[]).length : 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map(([k, v]) => [k, (v as unknown[])[i]])));
}

export function parseTableText(text: string, format: TableFormat, file?: string, messages: TableTextMessages = {}): RawRecord[] {
  if (format === 'csv') return parseCsv(text, file).records.map((r) => ({ line: r.line, value: r.values }));
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new BadInputError('invalid JSON', { file, cause, expected: 'a JSON array of row objects' });
    }
    const rows = Array.isArray(data) ? data : ((data as { rows?: unknown } | null)?.rows ?? columnsToRows(data));
    if (!Array.isArray(rows)) {
      throw new BadInputError('JSON file is not an array', { file, expected: 'a JSON array of row objects, {"rows": [...]}, or Arquero\'s {"data": {column: [...]}}' });
    }
    return rows.map((value, i) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new BadInputError(`element ${i + 1} is not an object`, { file, line: i + 1, expected: 'an object per row' });
      }
      return { line: i + 1, value: value as Record<string, unknown> };
    });
  }
  const out: RawRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      throw new BadInputError(messages.badJsonLine ?? 'invalid JSON line', { file, line: i + 1, cause, expected: 'one JSON object per line' });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadInputError('line is not a JSON object', { file, line: i + 1, expected: 'one JSON object per line' });
    }
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}
