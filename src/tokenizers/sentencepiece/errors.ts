import { TokgapError, type TokgapErrorFields } from '../../errors.js';

/** A SentencePiece model (file or parts) is unreadable or inconsistent. */
export class BadModelError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('BAD_MODEL', message, fields);
    this.name = 'TokgapError';
  }
}
