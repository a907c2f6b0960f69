/**
 * The one download helper for everything tokgap downloads (hub files, dataset archives, UD files).
 *
 * A transfer streams into `<target>.part` (never into memory), hashing as it goes, and is renamed
 * onto `target` only once its size (and sha256, when known) checks out, so a target that exists is
 * always whole. A dropped connection or a stall is retried with backoff and resumed with
 * `Range: bytes=N-` where the server serves ranges (`Accept-Ranges: bytes` or a 206); a `.part` left
 * by an earlier run (a kill, a full disk) is resumed the same way. Redirects are followed by hand
 * so that `Authorization` never reaches another host (the hub sends LFS files to a CDN).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DownloadError, type DownloadErrorKind } from './errors.js';
import { discardBody, header, type FetchLike, type ResponseLike } from './fetch-like.js';
import { defaultDownloadProgress, type DownloadProgress } from './progress.js';
import { backoffMs, DEFAULT_RETRY, isTransientStatus, isUnreachable, retryAfterMs, sleep, type RetryPolicy } from './retry.js';

/** Where bytes go; `openPart` can swap it (tests inject a failing disk through it). */
export interface PartSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface DownloadOptions {
  /** Request headers (e.g. `authorization`); dropped on a redirect to another host. */
  headers?: Record<string, string>;
  /** Expected size in bytes (the hub's X-Linked-Size / Content-Length). */
  expectedSize?: number;
  /** Expected sha256 in hex (the hub's X-Linked-Etag of an LFS file). */
  expectedSha256?: string;
  /** Extra check of the complete `.part` before the rename (e.g. an archive's integrity). */
  verify?: (file: string) => Promise<void>;
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  /** Abort an attempt when no byte arrives for this long (default `$TOKGAP_DOWNLOAD_STALL_S` or 60 s). */
  stallTimeoutMs?: number;
  /** Progress display; default the process default (`setDownloadProgress`), null for none. */
  progress?: DownloadProgress | null;
  /** Shown beside the progress (default the URL's last path segment). */
  label?: string;
  /** The partial file (default `<target>.part`). */
  partFile?: string;
  /** Open the `.part` for writing (default the file system; `append` when resuming). */
  openPart?: (path: string, append: boolean) => Promise<PartSink>;
}

export interface DownloadResult {
  path: string;
  /** Bytes of the complete file. */
  size: number;
  /** Hex sha256 of the file; empty when `target` existed and nothing was fetched. */
  sha256: string;
  /** Bytes that were already in a `.part` when the first attempt of this call started. */
  resumedFrom: number;
  /** Requests that carried bytes (1 for a clean transfer). */
  attempts: number;
  /** False when `target` existed and nothing was fetched. */
  downloaded: boolean;
}

const MAX_REDIRECTS = 10;

/** Downloads in flight in this process, by target, so concurrent callers share one transfer. */
const inFlight = new Map<string, Promise<DownloadResult>>();

/** Download `url` to `target` unless `target` already exists. */
export function downloadToFile(url: string, target: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  if (existsSync(target)) {
    const size = statSync(target).size;
    return Promise.resolve({ path: target, size, sha256: '', resumedFrom: size, attempts: 0, downloaded: false });
  }
  const running = inFlight.get(target);
  if (running) return running;
  const job = _download(url, target, options).finally(() => inFlight.delete(target));
  inFlight.set(target, job);
  return job;
}

export function defaultStallTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const s = Number(env.TOKGAP_DOWNLOAD_STALL_S);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 60_000;
}

/** A failure of one attempt, with whether another attempt may help. */
class AttemptError extends Error {
  constructor(
    readonly kind: DownloadErrorKind,
    message: string,
    readonly transient: boolean,
    readonly status?: number,
    readonly retryAfter?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The `.part` as a write stream with its default buffer: the next bytes arrive while one write is
 * in flight. Awaiting each `FileHandle.write` was slower than `fetch` → file, and so was an 8 MB
 * `highWaterMark` (docs/benchmarks.md, "Downloads"; bench/download.ts).
 * `write` resolves at once unless the stream asks to wait (`drain`); a failed write surfaces at the
 * next `write` or at `close`.
 */
async function fileSink(path: string, append: boolean): Promise<PartSink> {
  // Opened synchronously: a lazily opened stream could create the file after a failure removed it.
  const stream = createWriteStream('', { fd: openSync(path, append ? 'a' : 'w') });
  let failure: Error | undefined;
  stream.on('error', (e) => { failure ??= e; });
  return {
    write(chunk) {
      if (failure) return Promise.reject(failure);
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = (e?: Error): void => { stream.off('drain', onDrain); stream.off('error', done); if (e) reject(e); else resolve(); };
        const onDrain = (): void => done();
        stream.on('drain', onDrain);
        stream.on('error', done);
      });
    },
    close: () => new Promise<void>((resolve, reject) => {
      if (stream.closed) { if (failure) reject(failure); else resolve(); return; }
      stream.end(() => (failure ? reject(failure) : resolve()));
      stream.once('close', () => (failure ? reject(failure) : resolve()));
    }),
  };
}

async function hashFile(path: string): Promise<Hash> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

function partSize(part: string): number {
  try {
    return statSync(part).size;
  } catch {
    return 0;
  }
}

async function _download(url: string, target: string, o: DownloadOptions): Promise<DownloadResult> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...o.retry };
  const part = o.partFile ?? `${target}.part`;
  const stallMs = o.stallTimeoutMs ?? defaultStallTimeoutMs();
  const progress = o.progress === undefined ? defaultDownloadProgress() : o.progress;
  const openPart = o.openPart ?? fileSink;
  const label = o.label ?? decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  const expectedSha = o.expectedSha256?.toLowerCase();
  mkdirSync(dirname(part), { recursive: true });

  const resumedFrom = partSize(part);
  // A `.part` is worth resuming only if the server serves ranges; we learn that from the first answer.
  let rangesServed = resumedFrom > 0;
  let total = o.expectedSize;
  let hash: Hash | undefined;
  /** Bytes of the `.part` that `hash` has seen. */
  let hashedBytes = 0;
  let attempts = 0;
  const tooBig = (have: number): boolean => total !== undefined && have > total;

  const fail = (kind: DownloadErrorKind, message: string, status?: number, cause?: unknown, expected?: string): never => {
    const have = partSize(part);
    // The `.part` goes only when its bytes are known bad or cannot be resumed (no ranges served).
    const keep = have > 0 && (kind === 'disk' || (kind !== 'mismatch' && rangesServed));
    if (!keep) rmSync(part, { force: true });
    throw new DownloadError(url, message, status, {
      kind, cause, ...(keep ? { partFile: part } : {}),
      expected: expected ?? (keep ? `the complete file (${have} bytes kept in ${part}; run again to resume)` : undefined),
    });
  };

  for (let attempt = 0; ; attempt++) {
    let have = partSize(part);
    if (have > 0 && (!rangesServed || tooBig(have))) {
      rmSync(part, { force: true });
      have = 0;
    }
    if (total !== undefined && have === total && attempt === 0) {
      // A whole file from an earlier run that stopped before the rename: check it, no request.
    } else {
      try {
        await _attempt();
      } catch (error) {
        if (!(error instanceof AttemptError)) throw error;
        if (!error.transient || attempt >= policy.retries) {
          const tries = attempt + 1;
          const message = error.kind === 'http'
            ? `download failed with HTTP ${error.status}${tries > 1 ? ` after ${tries} attempts` : ''}`
            : `${error.message}${tries > 1 ? ` (after ${tries} attempts)` : ''}`;
          return fail(error.kind, message, error.status, error.cause);
        }
        await sleep(backoffMs(policy, attempt, error.retryAfter));
        continue;
      }
    }
    have = partSize(part);
    if (total !== undefined && have < total) {
      if (attempt >= policy.retries) return fail('broken', `download broke off before the end at ${have} of ${total} bytes (after ${attempt + 1} attempts)`);
      await sleep(backoffMs(policy, attempt));
      continue;
    }
    break;
  }

  // Complete: check what we know, then rename.
  const size = partSize(part);
  if (!hash || hashedBytes !== size) hash = await hashFile(part);
  const sha256 = hash.digest('hex');
  if (total !== undefined && size !== total) fail('mismatch', `downloaded ${size} bytes where ${total} were expected`, undefined, undefined, `${total} bytes`);
  if (expectedSha !== undefined && sha256 !== expectedSha) {
    fail('mismatch', `the downloaded bytes have sha256 ${sha256}, not the expected ${expectedSha}`, undefined, undefined, `sha256 ${expectedSha}`);
  }
  if (o.verify) {
    try {
      await o.verify(part);
    } catch (error) {
      rmSync(part, { force: true });
      throw error;
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  renameSync(part, target);
  return { path: target, size, sha256, resumedFrom, attempts, downloaded: true };

  /** One request: open (following redirects), then stream the body onto the `.part`. */
  async function _attempt(): Promise<void> {
    const start = partSize(part);
    const controller = new AbortController();
    // The watchdog aborts the request and cancels the body reader (for fetches that ignore the
    // signal); waits for headers race it. Reads do not race it: a race per chunk leaves one
    // reaction per chunk on the pending watchdog promise, which measurably slowed large files.
    let stalledOut = false;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const stallError = (): AttemptError => new AttemptError('stalled', `download stalled: no byte for ${stallMs / 1000} s`, true);
    let stalled: (() => void) | undefined;
    const stall = new Promise<never>((_, reject) => { stalled = () => reject(stallError()); });
    stall.catch(() => undefined);
    const timer = setTimeout(() => {
      stalledOut = true;
      stalled?.();
      controller.abort();
      reader?.cancel().catch(() => undefined);
    }, stallMs);
    const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stall]);
    try {
      const response = await race(_open(start, controller.signal));
      attempts++;
      const status = response.status;
      let offset = 0;
      if (status === 206) {
        const range = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(header(response, 'content-range') ?? '');
        offset = range ? Number(range[1]) : 0;
        if (range && range[3] !== '*') total ??= Number(range[3]);
        rangesServed = true;
        if (offset !== start) {
          // The server resumed somewhere else: start over from zero.
          await discardBody(response);
          rmSync(part, { force: true });
          throw new AttemptError('broken', `the server resumed at byte ${offset}, not ${start}`, true);
        }
      } else if (status === 416 && start > 0) {
        await discardBody(response);
        const whole = /bytes \*\/(\d+)/.exec(header(response, 'content-range') ?? '');
        if (whole && Number(whole[1]) === start) { total ??= start; return; }
        rmSync(part, { force: true });
        throw new AttemptError('broken', 'the server refused to resume the partial file', true);
      } else if (status >= 200 && status < 300) {
        // A 200 to a Range request means the server ignored it: the `.part` is rewritten from zero.
        rangesServed = (header(response, 'accept-ranges') ?? '').toLowerCase() === 'bytes';
        const length = Number(header(response, 'content-length') ?? Number.NaN);
        if (Number.isFinite(length) && header(response, 'content-encoding') === null) total ??= length;
      } else {
        await discardBody(response);
        const transient = isTransientStatus(status);
        throw new AttemptError('http', `HTTP ${status}`, transient, status, transient ? retryAfterMs(header(response, 'retry-after')) : undefined);
      }
      if (tooBig(offset)) throw new AttemptError('mismatch', `the server holds more than the ${total} bytes expected`, false);

      // Resume the hash over what the `.part` holds; a fresh 200 rewrites it from zero.
      const append = status === 206 && offset > 0;
      if (!append || hashedBytes !== offset) {
        hash = append ? await hashFile(part) : createHash('sha256');
        hashedBytes = offset;
        timer.refresh();
      }
      let sink: PartSink;
      try {
        sink = await openPart(part, append);
      } catch (cause) {
        throw new AttemptError('disk', `cannot write ${part} (${(cause as Error).message})`, false, undefined, undefined, { cause });
      }
      let done = offset;
      progress?.start(label, total, done);
      let closed = false;
      const close = async (): Promise<void> => {
        closed = true;
        try {
          await sink.close();
        } catch (cause) {
          throw new AttemptError('disk', `cannot write ${part} (${(cause as Error).message})`, false, undefined, undefined, { cause });
        }
      };
      try {
        if (!response.body) {
          const bytes = new Uint8Array(await race(response.arrayBuffer()));
          await _write(sink, bytes);
          done += bytes.byteLength;
        } else {
          reader = response.body.getReader();
          try {
            for (;;) {
              let chunk: ReadableStreamReadResult<Uint8Array>;
              try {
                chunk = await reader.read();
              } catch (error) {
                throw stalledOut ? stallError() : error;
              }
              if (stalledOut) throw stallError();
              const { value, done: end } = chunk;
              if (end) break;
              timer.refresh();
              await _write(sink, value);
              done += value.byteLength;
              progress?.update(done);
              if (tooBig(done)) throw new AttemptError('mismatch', `the server sent more than the ${total} bytes expected`, false);
            }
          } finally {
            reader.cancel().catch(() => undefined);
          }
        }
        await close();
      } catch (error) {
        // Whatever was written stays for the next attempt; a failed write is a disk error.
        if (!closed) await close();
        if (error instanceof AttemptError) throw error;
        throw new AttemptError('broken', `download broke off before the end (${(error as Error).message})`, true, undefined, undefined, { cause: error });
      } finally {
        progress?.stop();
        if (!closed) await sink.close().catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof AttemptError) throw error;
      if (isUnreachable(error)) {
        throw new AttemptError('unreachable', `cannot connect (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message})`, false, undefined, undefined, { cause: error });
      }
      throw new AttemptError('broken', `the connection failed (${(error as Error).message})`, true, undefined, undefined, { cause: error });
    } finally {
      clearTimeout(timer);
    }

    async function _write(sink: PartSink, chunk: Uint8Array): Promise<void> {
      try {
        await sink.write(chunk);
      } catch (cause) {
        throw new AttemptError('disk', `cannot write ${part} (${(cause as Error).message})`, false, undefined, undefined, { cause });
      }
      hash!.update(chunk);
      hashedBytes += chunk.byteLength;
    }
  }

  /** GET `url` from byte `start`, following redirects by hand. */
  async function _open(start: number, signal: AbortSignal): Promise<ResponseLike> {
    const doFetch = o.fetch ?? (globalThis.fetch as unknown as FetchLike);
    const origin = new URL(url).host;
    let headers: Record<string, string> = { ...o.headers, 'accept-encoding': 'identity' };
    if (start > 0) headers.range = `bytes=${start}-`;
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await doFetch(current, { method: 'GET', headers, redirect: 'manual', signal });
      const location = response.status >= 300 && response.status < 400 ? header(response, 'location') : null;
      if (location === null) return response;
      await discardBody(response);
      if (hop >= MAX_REDIRECTS) throw new AttemptError('http', `more than ${MAX_REDIRECTS} redirects`, false, response.status);
      const next = new URL(location, current);
      if (next.host !== origin) headers = withoutAuthorization(headers);
      current = next.toString();
    }
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
}
