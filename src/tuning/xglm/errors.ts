import { TokgapError, type TokgapErrorFields } from '../../errors.js';

// One class for every checkpoint check; it lives with the readers.
export { CheckpointMismatchError } from '../checkpoint/errors.js';

/** The model would not fit the backend's memory (the wasm heap corrupts silently past ~3.9 GB). */
export class ModelTooLargeError extends TokgapError {
  readonly neededBytes: number;
  readonly limitBytes: number;
  constructor(message: string, neededBytes: number, limitBytes: number, fields: TokgapErrorFields = {}) {
    super('MODEL_TOO_LARGE', message, fields);
    this.neededBytes = neededBytes;
    this.limitBytes = limitBytes;
  }
}
