/**
 * What the hub says about one file, from a HEAD of its resolve URL (as huggingface_hub's
 * `get_hf_file_metadata`): the commit (`X-Repo-Commit`), the ETag naming its blob
 * (`X-Linked-Etag` for LFS files, the sha256 of the bytes; else `ETag`) and the size
 * (`X-Linked-Size`, else `Content-Length`). The hub answers an LFS file with a 302 to a CDN; the
 * headers of that 302 are the ones wanted, so only same-host redirects without a commit (a
 * renamed repository) are followed.
 */
import { DownloadError, requestWithRetry, type ResponseLike } from '../net/index.js';
import { resolveUrl, type HubContext } from './context.js';
import { HubAccessError, ModelNotFoundError } from './errors.js';
import type { HubRef } from './spec.js';

export type HubFileMetadata =
  | { found: true; url: string; commit: string | null; etag: string | null; size: number | undefined; sha256: string | undefined }
  | { found: false; url: string; commit: string | null };

const SHA256 = /^[0-9a-f]{64}$/;

/** `W/"abc"` → `abc`, as huggingface_hub's `_normalize_etag`. */
export function normalizeEtag(etag: string | null): string | null {
  if (etag === null) return null;
  const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
  return bare.length ? bare : null;
}

const get = (r: ResponseLike, name: string): string | null => r.headers?.get(name) ?? null;

export async function hubFileMetadata(ref: HubRef, file: string, ctx: HubContext): Promise<HubFileMetadata> {
  const url = resolveUrl(ctx.endpoint, ref.repo, ref.revision, file);
  let current = url;
  let response: ResponseLike;
  for (let hop = 0; ; hop++) {
    response = await unreachableHint(requestWithRetry(current, { method: 'HEAD', headers: { ...ctx.headers, 'accept-encoding': 'identity' }, fetch: ctx.fetch, retry: ctx.retry }), ctx);
    const location = get(response, 'location');
    const isRedirect = response.status >= 300 && response.status < 400 && location !== null;
    if (!isRedirect || get(response, 'x-repo-commit') !== null || hop >= 5) break;
    const next = new URL(location, current);
    if (next.host !== new URL(current).host) break;
    current = next.toString();
  }
  const commit = get(response, 'x-repo-commit');
  const code = get(response, 'x-error-code');
  const where = `${ref.repo}@${ref.revision}`;
  const status = response.status;
  if (status === 401 || status === 403) {
    if (code === 'RepoNotFound') throw repoNotFound(ref, url, ctx);
    const sent = ctx.headers.authorization !== undefined;
    throw new HubAccessError(`${where} is gated or private and the hub refused ${sent ? 'the token sent' : 'access without a token'} (HTTP ${status}): ${url}`, status, {
      field: 'HF_TOKEN',
      expected: sent
        ? 'a token of an account that accepted the repository\'s terms'
        : 'accept the repository\'s terms on the hub, then log in with `huggingface-cli login` (writes $HF_HOME/token) or set HF_TOKEN',
    });
  }
  if (status === 404) {
    if (code === 'RevisionNotFound') {
      throw new ModelNotFoundError(`revision "${ref.revision}" does not exist in ${ref.repo}: ${url}`, { field: 'revision', expected: 'a branch, tag or commit of the repository (hub:OWNER/NAME@REVISION)' });
    }
    if (code === 'RepoNotFound') throw repoNotFound(ref, url, ctx);
    return { found: false, url, commit };
  }
  if (status >= 400) throw new DownloadError(url, `the hub answered HTTP ${status}`, status, { kind: 'http' });
  const etag = normalizeEtag(get(response, 'x-linked-etag') ?? get(response, 'etag'));
  const sizeText = get(response, 'x-linked-size') ?? get(response, 'content-length');
  const size = sizeText !== null && /^\d+$/.test(sizeText) ? Number(sizeText) : undefined;
  const lfs = get(response, 'x-linked-etag') !== null;
  return { found: true, url, commit, etag, size, sha256: lfs && etag !== null && SHA256.test(etag) ? etag : undefined };
}

function repoNotFound(ref: HubRef, url: string, ctx: HubContext): ModelNotFoundError {
  return new ModelNotFoundError(`repository ${ref.repo} does not exist on ${ctx.endpoint}${ctx.headers.authorization ? '' : ' (or it is private: log in or set HF_TOKEN)'}: ${url}`, {
    field: 'hub:OWNER/NAME', expected: 'an existing repository',
  });
}

/** A refused connection says how to work without the network. */
export async function unreachableHint<T>(work: Promise<T>, ctx: HubContext): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DownloadError && error.kind === 'unreachable') {
      throw new DownloadError(error.url, `cannot reach the hub at ${ctx.endpoint} (${error.message.replace(`: ${error.url}`, '')})`, undefined, {
        kind: 'unreachable', cause: error,
        expected: 'a reachable hub; set HF_HUB_OFFLINE=1 to use only the cache, or HF_ENDPOINT for a mirror',
      });
    }
    throw error;
  }
}
