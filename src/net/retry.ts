/**
 * When to try a request again and how long to wait: connection resets, 429 and 5xx are
 * transient; a refused connection or an unknown host is not (nothing listens there, and waiting
 * does not change that). Waits double from `baseMs` up to `maxMs`; a server's `Retry-After`
 * (seconds or an HTTP date) is honoured up to `maxRetryAfterMs`. No jitter: one client per file,
 * and deterministic waits keep tests and logs readable.
 */
export interface RetryPolicy {
  /** Further attempts after the first (default 4). */
  retries: number;
  /** First wait (default 250 ms), doubled per attempt. */
  baseMs: number;
  /** Longest computed wait (default 8 s). */
  maxMs: number;
  /** Longest wait a Retry-After header can ask for (default 60 s). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 250, maxMs: 8_000, maxRetryAfterMs: 60_000 };

export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_FAIL', 'ERR_INVALID_URL']);

/** The system error code behind a fetch failure (undici wraps it in `cause`). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return (error as { cause?: { code?: string } })?.cause?.code;
}

/** True when a fetch failure means nothing can be reached at that address. */
export function isUnreachable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && UNREACHABLE.has(code);
}

/** `Retry-After` in milliseconds, or undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before attempt `attempt + 1` (attempt 0 is the first retry). */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfter?: number): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxRetryAfterMs);
  return Math.min(policy.baseMs * 2 ** attempt, policy.maxMs);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
