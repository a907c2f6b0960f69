import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** A file or package the report needs is missing (exit status 3 through the CLI's NOT_FOUND). */
export class NotFoundError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('NOT_FOUND', message, fields);
  }
}
