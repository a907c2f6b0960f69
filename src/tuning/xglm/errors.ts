import { TokgapError, type TokgapErrorFields } from '../../errors.js';

/** A checkpoint does not match the architecture: a tensor is missing or has the wrong shape. */
export class CheckpointMismatchError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('CHECKPOINT_MISMATCH', message, fields);
  }
}

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
