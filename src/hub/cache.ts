/**
 * The Hugging Face cache layout, as huggingface_hub reads and writes it:
 *
 *   $HF_HUB_CACHE/models--OWNER--NAME/
 *     blobs/<etag>                       the bytes, named by the hub's ETag (sha256 for LFS files)
 *     snapshots/<commit>/<file>          a relative symlink ../../blobs/<etag>
 *     refs/<revision>                    the commit a branch or tag pointed to when last seen
 *
 * Readers accept plain files in `snapshots/` too (what earlier tokgap versions and symlink-less
 * platforms write).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { hubCacheDir, type Env } from './env.js';

const COMMIT = /^[0-9a-f]{40}$/;

export function isCommitHash(revision: string): boolean {
  return COMMIT.test(revision);
}

/** `models--OWNER--NAME`, as huggingface_hub's `repo_folder_name`. */
export function repoFolderName(repo: string): string {
  return ['models', ...repo.split('/')].join('--');
}

export function repoCacheDir(repo: string, env: Env = process.env): string {
  return join(hubCacheDir(env), repoFolderName(repo));
}

export function snapshotDir(repo: string, commit: string, env: Env = process.env): string {
  return join(repoCacheDir(repo, env), 'snapshots', commit);
}

export function blobPath(repo: string, etag: string, env: Env = process.env): string {
  return join(repoCacheDir(repo, env), 'blobs', etag);
}

/** The commit `refs/<revision>` names, or null. */
export function readRef(repo: string, revision: string, env: Env = process.env): string | null {
  const ref = join(repoCacheDir(repo, env), 'refs', revision);
  if (!existsSync(ref)) return null;
  const commit = readFileSync(ref, 'utf8').trim();
  return commit.length ? commit : null;
}

/** Record what a branch or tag points to (huggingface_hub writes the bare hash, no newline). */
export function writeRef(repo: string, revision: string, commit: string, env: Env = process.env): void {
  if (isCommitHash(revision) || revision === commit) return;
  const ref = join(repoCacheDir(repo, env), 'refs', revision);
  if (existsSync(ref) && readFileSync(ref, 'utf8').trim() === commit) return;
  writeFileAtomic(ref, commit);
}

/** The commit a revision points to in the cache, or null when the cache does not know it. */
export function cachedCommit(repo: string, revision: string, env: Env = process.env): string | null {
  return isCommitHash(revision) ? revision : readRef(repo, revision, env);
}

/** The path of `file` in a snapshot when it is there (a link whose blob exists, or a plain file). */
export function snapshotFile(repo: string, commit: string, file: string, env: Env = process.env): string | null {
  const path = join(snapshotDir(repo, commit, env), file);
  return existsSync(path) ? path : null;
}

/** The cached path of `file` at `revision`, or null. */
export function cachedFile(repo: string, revision: string, file: string, env: Env = process.env): string | null {
  const commit = cachedCommit(repo, revision, env);
  return commit ? snapshotFile(repo, commit, file, env) : null;
}

/**
 * Point `snapshots/<commit>/<file>` at `blob` with a relative link, made beside it and renamed
 * over, so the snapshot never shows a half-made entry. Where links cannot be made, a copy.
 */
export function linkIntoSnapshot(repo: string, commit: string, file: string, blob: string, env: Env = process.env): string {
  const pointer = join(snapshotDir(repo, commit, env), file);
  mkdirSync(dirname(pointer), { recursive: true });
  const tmp = `${pointer}.${process.pid}.${randomBytes(4).toString('hex')}.link`;
  try {
    symlinkSync(relative(dirname(pointer), blob), tmp);
  } catch {
    copyFileSync(blob, tmp);
  }
  try {
    renameSync(tmp, pointer);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return pointer;
}
