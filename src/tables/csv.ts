/**
 * CSV reading through `csv-parse` (RFC 4180: quoted fields, doubled quotes, CRLF/LF, a BOM), and
 * CSV writing. Each record keeps the 1-based line it starts on so that validation errors can point
 * at the file; a malformed quote is an error naming the line instead of a silently merged field.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { BadInputError } from '../errors.js';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

const QUOTE_EXPECTED = 'RFC 4180 quoting: a quoted field ends with a quote followed by a comma or the end of the line, and a quote inside it is doubled ("")';

/** csv-parse's error → a `BadInputError` naming the line; `startLine` is where the last unfinished record began. */
function quoteError(cause: CsvError, file: string | undefined, startLine: number): BadInputError {
  const at = (cause as CsvError & { lines?: number }).lines;
  const where = file !== undefined ? { file } : {};
  if (cause.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new BadInputError(`unterminated quote: the quoted field opened on or after line ${startLine} runs to the end of the file`, { ...where, line: startLine, expected: QUOTE_EXPECTED, cause });
  }
  if (cause.code === 'CSV_INVALID_CLOSING_QUOTE' || cause.code === 'INVALID_OPENING_QUOTE') {
    return new BadInputError('stray quote: a quote inside an unquoted field or text after a closing quote', { ...where, ...(at !== undefined ? { line: at } : {}), expected: QUOTE_EXPECTED, cause });
  }
  return new BadInputError(`malformed CSV: ${cause.message}`, { ...where, ...(at !== undefined ? { line: at } : {}), cause });
}

function newlinesIn(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

/** A row with more or fewer fields than the header is an error naming its line (`file` when given), not a missing value. */
export function parseCsv(text: string, file?: string): { header: string[]; records: CsvRecord[] } {
  const rows: { line: number; cells: string[] }[] = [];
  let prevEnd = 0;
  let prevEmpty = 0;
  try {
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      // Collects each record with the line it starts on: after the previous record, its line
      // breaks inside quoted fields and the empty lines skipped since (counted here, as csv-parse
      // counts a quoted CRLF as two lines). Returning null keeps csv-parse from building its own array.
      on_record: (cells, context) => {
        const line = prevEnd + 1 + (context.empty_lines - prevEmpty);
        rows.push({ line, cells });
        prevEnd = line + newlinesIn(cells);
        prevEmpty = context.empty_lines;
        return null;
      },
    });
  } catch (cause) {
    if (cause instanceof CsvError) throw quoteError(cause, file, prevEnd + 1);
    throw cause;
  }
  const header = (rows.shift()?.cells ?? []).map((h) => h.trim());
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new BadInputError(`row has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, the header has ${header.length}`, {
        ...(file !== undefined ? { file } : {}), line: row.line, expected: `${header.length} comma-separated fields (${header.join(',')}); quote a field that holds a comma`,
      });
    }
  }
  const records = rows.map(({ line: l, cells: c }) => ({
    line: l,
    values: Object.fromEntries(header.map((h, j) => [h, c[j] ?? ''])),
  }));
  return { header, records };
}

function quote(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV with the given column order (undefined/NaN become empty cells). */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
