/**
 * The environment variables huggingface_hub reads, read the same way, so that tokgap and Python
 * share one cache, one endpoint and one login.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

const set = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v : undefined);

/** `$HF_HOME`, default `$XDG_CACHE_HOME/huggingface`, default `~/.cache/huggingface`. */
export function hfHome(env: Env = process.env): string {
  return set(env.HF_HOME) ?? join(set(env.XDG_CACHE_HOME) ?? join(homedir(), '.cache'), 'huggingface');
}

/** `$HF_HUB_CACHE` (or the older `$HUGGINGFACE_HUB_CACHE`), default `$HF_HOME/hub`. */
export function hubCacheDir(env: Env = process.env): string {
  return set(env.HF_HUB_CACHE) ?? set(env.HUGGINGFACE_HUB_CACHE) ?? join(hfHome(env), 'hub');
}

/** `$HF_ENDPOINT`, default https://huggingface.co, without a trailing slash. */
export function hubEndpoint(env: Env = process.env): string {
  return (set(env.HF_ENDPOINT) ?? 'https://huggingface.co').replace(/\/+$/, '');
}

/** The token file `huggingface-cli login` writes: `$HF_TOKEN_PATH`, default `$HF_HOME/token`. */
export function tokenFile(env: Env = process.env): string {
  return set(env.HF_TOKEN_PATH) ?? join(hfHome(env), 'token');
}

/** `$HF_TOKEN` (or the older `$HUGGING_FACE_HUB_TOKEN`), else the token file, else none. */
export function hubToken(env: Env = process.env): string | undefined {
  const fromEnv = set(env.HF_TOKEN) ?? set(env.HUGGING_FACE_HUB_TOKEN);
  if (fromEnv) return fromEnv.trim();
  const file = tokenFile(env);
  if (!existsSync(file)) return undefined;
  return set(readFileSync(file, 'utf8').trim());
}

/** `HF_HUB_OFFLINE` as huggingface_hub reads booleans: 1, ON, YES, TRUE (any case). */
export function isOffline(env: Env = process.env): boolean {
  return ['1', 'ON', 'YES', 'TRUE'].includes((env.HF_HUB_OFFLINE ?? '').trim().toUpperCase());
}
