/**
 * Rows from Redis into a results file, with the file's own rules: one atomic line per row
 * (`appendResult`) and no second row for a cell the file already has (`resultKey`).
 */
import { appendResult, loadResults, resultKey } from '../tuning/results-io.js';
import type { ResultRow } from '../tuning/results.js';
import { checkOutputFile } from '../util/output-location.js';
import type { QueueConnection } from './connection.js';
import { allRows } from './rows.js';

export interface MergeSummary {
  /** Rows appended by this call. */
  appended: ResultRow[];
  /** Rows whose cell the file already had. */
  already: number;
}

/** Append the rows whose cell is not yet in `resultsFile`. */
export function mergeRows(resultsFile: string, rows: readonly ResultRow[]): MergeSummary {
  const have = new Set(loadResults(resultsFile).map(resultKey));
  const appended: ResultRow[] = [];
  let already = 0;
  for (const row of rows) {
    const key = resultKey(row);
    if (have.has(key)) { already++; continue; }
    appendResult(resultsFile, row);
    have.add(key);
    appended.push(row);
  }
  return { appended, already };
}

/** `analyze queue collect`: every row in the queue into the results file. */
export async function collectQueue(connection: QueueConnection, resultsFile: string): Promise<MergeSummary & { resultsFile: string }> {
  checkOutputFile(resultsFile, { option: '--results' });
  return { ...mergeRows(resultsFile, await allRows(connection.redis)), resultsFile };
}
