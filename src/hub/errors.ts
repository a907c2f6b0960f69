/** Errors of model specs and the hub. Network failures are `DownloadError` (src/net). */
import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** A model folder, hub repository, revision or file that is not there (locally or on the hub). */
export class ModelNotFoundError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('NOT_FOUND', message, fields);
  }
}

/** The hub refused access: a gated or private repository without a (valid) token. */
export class HubAccessError extends TokgapError {
  readonly status: number;
  constructor(message: string, status: number, fields: TokgapErrorFields = {}) {
    super('HUB_ACCESS', message, fields);
    this.status = status;
  }
}

export const MODEL_SPEC_TEXT = 'a model folder (config.json + weights) or hub:OWNER/NAME[@REVISION]';
