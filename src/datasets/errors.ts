import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** A dataset row or label did not match the format it was read as. */
export class DatasetFormatError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('DATASET_FORMAT', message, fields);
  }
}

/** A dataset file is not available locally and could not be downloaded. */
export class DatasetUnavailableError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('DATASET_UNAVAILABLE', message, fields);
  }
}
