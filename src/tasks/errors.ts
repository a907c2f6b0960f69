import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** Inputs to a task's formatter or scorer do not fit together (e.g. prediction count ≠ gold count). */
export class TaskInputError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('TASK_INPUT', message, fields);
  }
}
