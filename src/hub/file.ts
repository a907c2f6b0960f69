/**
 * One hub file into the cache, as huggingface_hub's `hf_hub_download`: a commit revision whose
 * snapshot holds the file needs no request; otherwise a HEAD names the commit and the blob, a blob
 * already cached is linked, and a missing one is downloaded (resumable, verified) into
 * `blobs/<etag>` before the snapshot link appears.
 *
 * Why not `@huggingface/hub`'s `downloadFileToCacheDir` (read in 2.17.5): it writes
 * `blobs/<etag>.incomplete` afresh on each try (no Range, so no resume within or across runs), has
 * no retry, stall timeout or sha256 check, asks the `paths-info` API (a second endpoint mirrors and
 * our test mimic would have to serve), reads its cache path from `process.env` only, writes no
 * `refs/`, and logs through `console.debug`. Its layout is the one used here; its symlink rule
 * (relative path from the snapshot entry to the blob) is the one `linkIntoSnapshot` follows.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { downloadToFile } from '../net/index.js';
import { blobPath, isCommitHash, linkIntoSnapshot, snapshotFile, writeRef } from './cache.js';
import { resolveUrl, type HubContext } from './context.js';
import { ModelNotFoundError } from './errors.js';
import { hubFileMetadata, unreachableHint, type HubFileMetadata } from './metadata.js';
import type { HubRef } from './spec.js';

export interface HubFile {
  path: string;
  commit: string;
  /** False when the cache already had it. */
  downloaded: boolean;
}

/** A relative path inside the repository; nothing that could step out of the snapshot folder. */
export function assertRepoPath(file: string, field = 'file'): void {
  if (file === '' || file.startsWith('/') || file.includes('\\') || file.split('/').some((p) => p === '..' || p === '.' || p === '')) {
    throw new ModelNotFoundError(`"${file}" is not a file name inside a repository`, { field, expected: 'a relative path without . or .. parts' });
  }
}

/**
 * `file` of `ref` in the cache, downloading it when missing; null when the repository has no such
 * file and `optional`. `known` reuses a HEAD answer the caller already has.
 */
export async function hubFile(ref: HubRef, file: string, ctx: HubContext, opts: { optional?: boolean; known?: HubFileMetadata } = {}): Promise<HubFile | null> {
  assertRepoPath(file);
  if (isCommitHash(ref.revision)) {
    const cached = snapshotFile(ref.repo, ref.revision, file, ctx.env);
    if (cached) return { path: cached, commit: ref.revision, downloaded: false };
  }
  const meta = opts.known ?? await hubFileMetadata(ref, file, ctx);
  if (!meta.found) {
    if (opts.optional) return null;
    throw new ModelNotFoundError(`${ref.repo}@${ref.revision} has no file ${file}: ${meta.url}`, { field: 'file', expected: `${file} in the repository` });
  }
  // Servers that send no commit (plain mirrors) name the snapshot by the revision asked for.
  const commit = meta.commit ?? ref.revision;
  writeRef(ref.repo, ref.revision, commit, ctx.env);
  const cached = snapshotFile(ref.repo, commit, file, ctx.env);
  if (cached) return { path: cached, commit, downloaded: false };
  if (meta.etag === null) {
    throw new ModelNotFoundError(`the hub sent no ETag for ${file}, so it cannot be cached: ${meta.url}`, { field: 'ETag', expected: 'an X-Linked-Etag or ETag header' });
  }
  const blob = blobPath(ref.repo, meta.etag, ctx.env);
  let downloaded = false;
  // A blob of the wrong size (cut short by something else) is fetched again.
  if (existsSync(blob) && meta.size !== undefined && statSync(blob).size !== meta.size) rmSync(blob, { force: true });
  if (!existsSync(blob)) {
    // Pin the commit in the GET, so every file of a snapshot comes from the same commit.
    const url = resolveUrl(ctx.endpoint, ref.repo, meta.commit ?? ref.revision, file);
    await unreachableHint(downloadToFile(url, blob, {
      headers: ctx.headers, expectedSize: meta.size, expectedSha256: meta.sha256, fetch: ctx.fetch, retry: ctx.retry,
      stallTimeoutMs: ctx.stallTimeoutMs, progress: ctx.progress, openPart: ctx.openPart, label: `${ref.repo} ${file}`,
    }), ctx);
    downloaded = true;
  }
  return { path: linkIntoSnapshot(ref.repo, commit, file, blob, ctx.env), commit, downloaded };
}
