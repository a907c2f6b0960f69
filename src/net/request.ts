/**
 * One small request (a HEAD for metadata) with the download helper's retry rules: 429/5xx and
 * resets are retried with backoff, a refused connection is not. Redirects are returned, not
 * followed, so the caller decides which to follow.
 */
import { DownloadError } from './errors.js';
import { discardBody, header, type FetchLike, type RequestInitLike, type ResponseLike } from './fetch-like.js';
import { backoffMs, DEFAULT_RETRY, isTransientStatus, isUnreachable, retryAfterMs, sleep, type RetryPolicy } from './retry.js';

export interface RequestOptions {
  method?: RequestInitLike['method'];
  headers?: Record<string, string>;
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  /** Give up one attempt after this long (default 30 s). */
  timeoutMs?: number;
}

export async function requestWithRetry(url: string, o: RequestOptions = {}): Promise<ResponseLike> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...o.retry };
  const doFetch = o.fetch ?? (globalThis.fetch as unknown as FetchLike);
  for (let attempt = 0; ; attempt++) {
    let response: ResponseLike;
    try {
      response = await doFetch(url, { method: o.method ?? 'GET', headers: o.headers, redirect: 'manual', signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
    } catch (error) {
      const message = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      if (isUnreachable(error)) throw new DownloadError(url, `cannot connect (${message})`, undefined, { kind: 'unreachable', cause: error });
      if (attempt >= policy.retries) throw new DownloadError(url, `the request failed after ${attempt + 1} attempts (${message})`, undefined, { kind: 'broken', cause: error });
      await sleep(backoffMs(policy, attempt));
      continue;
    }
    if (!isTransientStatus(response.status)) return response;
    await discardBody(response);
    if (attempt >= policy.retries) {
      throw new DownloadError(url, `request failed with HTTP ${response.status}${attempt > 0 ? ` after ${attempt + 1} attempts` : ''}`, response.status, { kind: 'http' });
    }
    await sleep(backoffMs(policy, attempt, retryAfterMs(header(response, 'retry-after'))));
  }
}
