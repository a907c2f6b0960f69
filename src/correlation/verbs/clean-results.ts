/**
 * Results table → clean cells: normalises language codes, leaves out NaN scores and unknown
 * languages (reported), and refuses duplicate cells (a typed error: there is no right one to keep).
 */
import { cellKey } from '../../tuning/results.js';
import { DuplicateCellError } from '../errors.js';
import type { LanguageIndex } from '../languages.js';
import type { ImportedResult } from '../results-input.js';
import type { Exclusion, ResultCell } from '../types.js';

export interface CleanResults {
  cells: ResultCell[];
  exclusions: Exclusion[];
}

export function cleanResults(rows: readonly ImportedResult[], index: LanguageIndex, file?: string): CleanResults {
  const cells: ResultCell[] = [];
  const exclusions: Exclusion[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const where = row.file ?? file;
    const language = index.normalize(row.language);
    if (language === undefined) {
      exclusions.push({
        reason: 'unknown_language',
        message: `unknown language "${row.language}" (not in the language table): row left out`,
        task: row.task, language: row.language, file: where, line: row.line,
      });
      continue;
    }
    const key = `${row.task}/${language}/${row.method}/${row.setting}/seed ${row.seed}${row.model !== undefined ? ` of ${row.model}` : ''}`;
    // Rows that name no model are cells of the one (unnamed) model.
    const identity = cellKey({ ...row, language });
    const previous = seen.get(identity);
    if (previous !== undefined) throw new DuplicateCellError(key, [previous, row.line], where);
    seen.set(identity, row.line);
    if (!Number.isFinite(row.score)) {
      exclusions.push({
        reason: 'nan_score',
        message: `score is not a number for ${key}: row left out`,
        task: row.task, language, file: where, line: row.line,
      });
      continue;
    }
    cells.push({ task: row.task, setting: row.setting, language, method: row.method, seed: row.seed, score: row.score, ...(row.model !== undefined ? { model: row.model } : {}) });
  }
  return { cells, exclusions };
}
