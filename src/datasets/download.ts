import { createWriteStream, existsSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FetchLike } from './cache.js';
import { DatasetUnavailableError } from './errors.js';
import { tempPathBeside } from '../util/atomic-write.js';

/** Downloads in flight in this process, so concurrent split loads share one transfer. */
const inFlight = new Map<string, Promise<string>>();

/**
 * Download `url` to `target` unless it is already there: stream the body into a temp file beside
 * it, run `verify` on the complete temp file, then rename. A broken-off transfer, an HTTP error or
 * a failed check removes the temp file, so nothing partial ever looks cached.
 */
export function downloadFile(
  url: string,
  target: string,
  fetchImpl: FetchLike = fetch,
  verify?: (file: string) => Promise<void>,
): Promise<string> {
  if (existsSync(target)) return Promise.resolve(target);
  const running = inFlight.get(target);
  if (running) return running;
  const job = _download(url, target, fetchImpl, verify).finally(() => inFlight.delete(target));
  inFlight.set(target, job);
  return job;
}

async function _download(url: string, target: string, fetchImpl: FetchLike, verify?: (file: string) => Promise<void>): Promise<string> {
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetchImpl(url);
  } catch (cause) {
    throw new DatasetUnavailableError(`could not download ${url}`, { file: url, cause, expected: 'a reachable URL' });
  }
  if (!res.ok) {
    throw new DatasetUnavailableError(`download of ${url} failed with HTTP ${res.status}`, { file: url, expected: 'HTTP 200' });
  }
  const tmp = tempPathBeside(target, 'part');
  try {
    if (res.body) {
      // Open synchronously: a lazily opened stream could create the file after a failure removed it.
      const fd = openSync(tmp, 'w');
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream('', { fd }));
    } else {
      writeFileSync(tmp, new Uint8Array(await res.arrayBuffer()));
    }
  } catch (cause) {
    rmSync(tmp, { force: true });
    throw new DatasetUnavailableError(`download of ${url} broke off before the end`, { file: url, cause, expected: 'the complete file' });
  }
  if (verify) {
    try {
      await verify(tmp);
    } catch (cause) {
      rmSync(tmp, { force: true });
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new DatasetUnavailableError(`the archive downloaded from ${url} is damaged or truncated: ${why}`, {
        file: url, cause, expected: 'a complete archive',
      });
    }
  }
  renameSync(tmp, target);
  return target;
}
