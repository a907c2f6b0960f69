/**
 * Errors of the correlation layer. Messages live here so that wording stays consistent;
 * each class has a stable `code` the CLI maps to an exit status.
 */
import { BadInputError, TokgapError, type TokgapErrorFields } from '../errors.js';

/** A results or statistics file has a row that cannot be used as it stands: the one bad-input
 * error (the table readers in tables/ throw it), under the name the correlation layer exports. */
export const ResultsInputError = BadInputError;
export type ResultsInputError = BadInputError;

/** Two rows claim the same (task, language, method, setting, seed) cell: we cannot pick one. */
export class DuplicateCellError extends TokgapError {
  constructor(cell: string, lines: readonly number[], file?: string) {
    super('DUPLICATE_CELL', `duplicate result rows for cell ${cell} (lines ${lines.join(', ')})`, {
      file,
      line: lines[lines.length - 1],
      field: 'task,language,method,setting,seed',
      expected: 'one row per cell; average seeds yourself or give them distinct seed numbers',
    });
    this.name = 'TokgapError';
  }
}

/** A statistic cannot be computed from the data given (too few points, zero variance, …). */
export class StatisticError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('STATISTIC', message, fields);
    this.name = 'TokgapError';
  }
}
