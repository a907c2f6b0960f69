/** What every hub request needs: environment, transport and download settings. */
import type { DownloadProgress, FetchLike, PartSink, RetryPolicy } from '../net/index.js';
import { hubEndpoint, hubToken, type Env } from './env.js';

export interface HubOptions {
  /** HF_HOME, HF_HUB_CACHE, HF_ENDPOINT, HF_TOKEN, HF_TOKEN_PATH, HF_HUB_OFFLINE (default process.env). */
  env?: Env;
  fetch?: FetchLike;
  /** Download progress (default the process default, see `setDownloadProgress`). */
  progress?: DownloadProgress | null;
  retry?: Partial<RetryPolicy>;
  stallTimeoutMs?: number;
  /** Replace the `.part` writer (tests inject a full disk). */
  openPart?: (path: string, append: boolean) => Promise<PartSink>;
}

export interface HubContext extends HubOptions {
  env: Env;
  endpoint: string;
  /** `authorization` when a token is known. */
  headers: Record<string, string>;
}

export function hubContext(options: HubOptions = {}): HubContext {
  const env = options.env ?? process.env;
  const token = hubToken(env);
  return { ...options, env, endpoint: hubEndpoint(env), headers: token ? { authorization: `Bearer ${token}` } : {} };
}

/** `{endpoint}/{repo}/resolve/{revision}/{file}`. */
export function resolveUrl(endpoint: string, repo: string, revision: string, file: string): string {
  return `${endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
