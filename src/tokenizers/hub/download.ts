/**
 * Downloading one file of a Hub repository into the cache: GET
 * `{endpoint}/{repo}/resolve/{revision}/{file}` (`$HF_ENDPOINT`, default https://huggingface.co),
 * with `Authorization: Bearer $HF_TOKEN` when set. The commit comes from the `X-Repo-Commit`
 * header (as huggingface_hub reads it). The Hub answers large (LFS) files with a redirect to a
 * CDN whose response lacks that header, so redirects are followed by hand, keeping the header of
 * the first answer. The file is written atomically.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { DownloadError } from '../errors.js';
import { isCommitHash, repoCacheDir, snapshotDir, type Env } from './cache.js';

export type FetchLike = (url: string, init?: { headers?: Record<string, string>; redirect?: 'manual' | 'follow' }) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export function hubEndpoint(env: Env = process.env): string {
  return (env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, '');
}

export function resolveUrl(repo: string, revision: string, file: string, env: Env = process.env): string {
  return `${hubEndpoint(env)}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
}

export interface Downloaded {
  path: string;
  commit: string;
}

/**
 * Download `file`; returns null on 404 when `optional`, else throws a DownloadError naming the URL.
 */
export async function downloadToCache(
  repo: string,
  revision: string,
  file: string,
  options: { env?: Env; fetch?: FetchLike; optional?: boolean } = {},
): Promise<Downloaded | null> {
  const env = options.env ?? process.env;
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const url = resolveUrl(repo, revision, file, env);
  const headers: Record<string, string> = {};
  if (env.HF_TOKEN) headers.authorization = `Bearer ${env.HF_TOKEN}`;
  let response: Awaited<ReturnType<FetchLike>>;
  let repoCommit: string | null = null;
  try {
    response = await doFetch(url, { headers, redirect: 'manual' });
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 5; hops++) {
      repoCommit ??= response.headers.get('x-repo-commit');
      const location = response.headers.get('location');
      if (!location) break;
      const next = new URL(location, url);
      // Credentials go to the Hub only, not to a CDN on another host.
      const sameHost = next.host === new URL(url).host;
      response = await doFetch(next.toString(), { headers: sameHost ? headers : {}, redirect: 'manual' });
    }
  } catch (error) {
    throw new DownloadError(url, `cannot reach the Hub (${(error as Error).message}); set HF_ENDPOINT or pre-fill the cache`, undefined, { cause: error });
  }
  if (response.status === 404 && options.optional) return null;
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? ' (gated or private: set HF_TOKEN)' : '';
    throw new DownloadError(url, `download failed with HTTP ${response.status} ${response.statusText}${hint}`, response.status, { field: 'hub:OWNER/NAME' });
  }
  const body = new Uint8Array(await response.arrayBuffer());
  const commit = repoCommit ?? response.headers.get('x-repo-commit') ?? revision;
  const path = join(snapshotDir(repo, commit, env), file);
  writeFileAtomic(path, body);
  if (!isCommitHash(revision)) writeFileAtomic(join(repoCacheDir(repo, env), 'refs', revision), commit);
  return { path, commit };
}
