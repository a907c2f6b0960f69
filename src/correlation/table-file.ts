/**
 * Reads a table file by extension: `.csv`, `.json` (an array of objects), `.jsonl` / `.ndjson`
 * (one object per line). Each record keeps its line (CSV, JSONL) or index (JSON) for errors.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { z } from 'zod';
import { decodeUtf8 } from '../corpora/read-text.js';
import { parseWithSchema } from '../util/parse-schema.js';
import { parseCsv } from './csv.js';
import { ResultsInputError } from './errors.js';
import { unreadableFile } from '../errors.js';

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
      new ResultsInputError(`invalid ${what} row: ${message}`, { file, line, field: field || undefined, expected }));
    return file === undefined ? { ...row, line } : { ...row, line, file };
  });
}

export function formatOf(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new ResultsInputError(`unknown table format "${ext || '(none)'}"`, { file: path, expected: '.csv, .json, .jsonl or .ndjson' });
}

/** Reads as strict UTF-8 (corpora's decoder): a mis-encoded cell is an error naming the line, not U+FFFD. */
export function readTableFile(path: string): RawRecord[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw unreadableFile(path, cause);
  }
  return parseTableText(decodeUtf8(bytes, path), formatOf(path), path);
}

export function parseTableText(text: string, format: TableFormat, file?: string): RawRecord[] {
  if (format === 'csv') return parseCsv(text, file).records.map((r) => ({ line: r.line, value: r.values }));
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new ResultsInputError('invalid JSON', { file, cause, expected: 'a JSON array of row objects' });
    }
    if (!Array.isArray(data)) throw new ResultsInputError('JSON file is not an array', { file, expected: 'a JSON array of row objects' });
    return data.map((value, i) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ResultsInputError(`element ${i + 1} is not an object`, { file, line: i + 1, expected: 'an object per row' });
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
      throw new ResultsInputError('invalid JSON line', { file, line: i + 1, cause, expected: 'one JSON object per line' });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ResultsInputError('line is not a JSON object', { file, line: i + 1, expected: 'one JSON object per line' });
    }
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}
