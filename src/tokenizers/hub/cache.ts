/**
 * The standard Hugging Face cache layout, read and written the way huggingface_hub does:
 * `$HF_HUB_CACHE` (default `$HF_HOME/hub`, default `~/.cache/huggingface/hub`) holds
 * `models--OWNER--NAME/refs/<revision>` (a commit hash) and
 * `models--OWNER--NAME/snapshots/<commit>/<file>`. We write files straight into the snapshot
 * folder (huggingface_hub links them to `blobs/`; readers only look at snapshots).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

export function hubCacheDir(env: Env = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  const home = env.HF_HOME ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'huggingface');
  return join(home, 'hub');
}

export function repoCacheDir(repo: string, env: Env = process.env): string {
  return join(hubCacheDir(env), `models--${repo.replace(/\//g, '--')}`);
}

const COMMIT = /^[0-9a-f]{40}$/;

export function isCommitHash(revision: string): boolean {
  return COMMIT.test(revision);
}

/** The commit a revision points to in the cache, or null when the cache does not know it. */
export function cachedCommit(repo: string, revision: string, env: Env = process.env): string | null {
  if (isCommitHash(revision)) return revision;
  const ref = join(repoCacheDir(repo, env), 'refs', revision);
  if (!existsSync(ref)) return null;
  const commit = readFileSync(ref, 'utf8').trim();
  return commit.length ? commit : null;
}

export function snapshotDir(repo: string, commit: string, env: Env = process.env): string {
  return join(repoCacheDir(repo, env), 'snapshots', commit);
}

/** The cached path of `file` at `revision`, or null. */
export function cachedFile(repo: string, revision: string, file: string, env: Env = process.env): string | null {
  const commit = cachedCommit(repo, revision, env);
  if (!commit) return null;
  const path = join(snapshotDir(repo, commit, env), file);
  return existsSync(path) ? path : null;
}
