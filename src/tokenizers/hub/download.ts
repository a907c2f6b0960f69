/**
 * One file of a Hub repository into the HF cache, through the shared hub module (resumable,
 * verified, blobs + snapshot links). Kept for callers of the earlier tokenizer-only helper.
 */
import { hubContext, hubEndpoint, hubFile, resolveUrl as resolveAt, type Env } from '../../hub/index.js';
import type { FetchLike } from '../../net/index.js';

export type { FetchLike };
export { hubEndpoint };

export function resolveUrl(repo: string, revision: string, file: string, env: Env = process.env): string {
  return resolveAt(hubEndpoint(env), repo, revision, file);
}

export interface Downloaded {
  path: string;
  commit: string;
}

/** Download `file` (unless cached); null when the repository lacks it and `optional`, else a NOT_FOUND error naming the URL. */
export async function downloadToCache(
  repo: string,
  revision: string,
  file: string,
  options: { env?: Env; fetch?: FetchLike; optional?: boolean } = {},
): Promise<Downloaded | null> {
  const got = await hubFile({ repo, revision }, file, hubContext({ env: options.env, fetch: options.fetch }), { optional: options.optional });
  return got ? { path: got.path, commit: got.commit } : null;
}
