import { TokgapError, type TokgapErrorFields } from '../../errors.js';

/**
 * A checkpoint is well formed but uses something tokgap will not read: a pickle global outside the
 * state-dict list, the legacy pre-1.6 torch format, a compressed zip member, big-endian storages.
 */
export class UnsupportedCheckpointError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('UNSUPPORTED_CHECKPOINT', message, fields);
  }
}

/** A model folder holds none of the weight files transformers looks for. */
export class MissingWeightsError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('NOT_FOUND', message, fields);
  }
}

/** A checkpoint does not match the architecture: tensors missing, mis-shaped or of the wrong kind. */
export class CheckpointMismatchError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('CHECKPOINT_MISMATCH', message, fields);
  }
}
