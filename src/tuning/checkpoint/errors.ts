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
