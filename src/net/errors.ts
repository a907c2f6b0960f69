/**
 * The one error of the download helper. It names the URL and what was expected, and says which
 * way the transfer failed (`kind`), so callers (hub, datasets) can word their own messages.
 */
import { TokgapError, type TokgapErrorFields } from '../errors.js';

/**
 * - `http`: the server answered an error status (not retried unless 429/5xx);
 * - `unreachable`: no connection at all (refused, unknown host);
 * - `broken`: the connection dropped before the end, after every retry;
 * - `stalled`: no byte arrived for the stall timeout, after every retry;
 * - `mismatch`: the bytes do not have the expected size or sha256;
 * - `disk`: the `.part` file could not be written (e.g. a full disk; the `.part` stays).
 */
export type DownloadErrorKind = 'http' | 'unreachable' | 'broken' | 'stalled' | 'mismatch' | 'disk';

export class DownloadError extends TokgapError {
  readonly url: string;
  readonly status?: number;
  readonly kind: DownloadErrorKind;
  /** The `.part` file kept for the next run to resume, if any. */
  readonly partFile?: string;
  constructor(url: string, message: string, status?: number, fields: TokgapErrorFields & { kind?: DownloadErrorKind; partFile?: string } = {}) {
    const { kind, partFile, ...rest } = fields;
    super(status === 404 ? 'NOT_FOUND' : 'DOWNLOAD_FAILED', `${message}: ${url}`, rest);
    this.url = url;
    this.status = status;
    this.kind = kind ?? (status !== undefined ? 'http' : 'broken');
    if (partFile !== undefined) this.partFile = partFile;
  }
}
