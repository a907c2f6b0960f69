/**
 * Minimal RFC 4180 CSV: quoted fields, doubled quotes, CRLF/LF. Each record keeps its 1-based
 * line number so that validation errors can point at the file.
 */
import { BadInputError } from '../errors.js';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/** A row with more or fewer fields than the header is an error naming its line (`file` when given), not a missing value. */
export function parseCsv(text: string, file?: string): { header: string[]; records: CsvRecord[] } {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) { cells.push(cell); rows.push({ line: rowLine, cells }); }
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
