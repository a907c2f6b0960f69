/**
 * `hub:OWNER/NAME[@REVISION]`: find a repository's tokenizer files in the HF cache, downloading
 * the missing ones first, and say which loader reads them. XGLM-type repositories (config.json
 * `model_type` xglm, or tokenizer_config.json `tokenizer_class` XGLMTokenizer) prefer
 * `sentencepiece.bpe.model` (our exact SentencePiece engine); others `tokenizer.json`, then
 * `tokenizer.model`. A cache that already holds a usable file is used without any network call.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidOptionError } from '../../errors.js';
import { TokenizerNotFoundError } from '../errors.js';
import { cachedCommit, snapshotDir, type Env } from './cache.js';
import { downloadToCache, type FetchLike } from './download.js';

export interface HubRef {
  repo: string;
  revision: string;
}

/** Which loader reads the files, and where they are. */
export type HubResolution =
  | { loader: 'xglm'; dir: string; files: string[] }
  | { loader: 'hf'; path: string; files: string[] }
  | { loader: 'spm'; path: string; files: string[] };

export interface HubOptions {
  env?: Env;
  fetch?: FetchLike;
}

const REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export function parseHubRef(arg: string): HubRef {
  const [repo, revision = 'main', ...rest] = arg.split('@');
  if (!REPO.test(repo) || rest.length > 0 || revision.length === 0) {
    throw new InvalidOptionError(`"${arg}" is not a Hub repository`, { field: 'hub:OWNER/NAME[@REVISION]', expected: 'e.g. hub:facebook/xglm-564M or hub:facebook/xglm-564M@main' });
  }
  return { repo, revision };
}

function readJsonOrNull(path: string | null): Record<string, unknown> | null {
  if (!path || !existsSync(path)) return null;
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isXglmRepo(config: string | null, tokenizerConfig: string | null): boolean {
  return readJsonOrNull(config)?.model_type === 'xglm' || readJsonOrNull(tokenizerConfig)?.tokenizer_class === 'XGLMTokenizer';
}

function choose(files: Record<string, string | null>): HubResolution | null {
  const configs = [files['config.json'], files['tokenizer_config.json']].filter((f): f is string => f !== null);
  const spbpe = files['sentencepiece.bpe.model'];
  if (spbpe && isXglmRepo(files['config.json'], files['tokenizer_config.json'])) return { loader: 'xglm', dir: dirname(spbpe), files: [spbpe, ...configs] };
  const json = files['tokenizer.json'];
  if (json) return { loader: 'hf', path: json, files: [json, ...configs] };
  const model = files['tokenizer.model'];
  if (model) return { loader: 'spm', path: model, files: [model, ...configs] };
  return null;
}

const CONFIG_FILES = ['config.json', 'tokenizer_config.json'] as const;
const TOKENIZER_FILES = ['sentencepiece.bpe.model', 'tokenizer.json', 'tokenizer.model'] as const;

/** Cached files only, no network. */
function fromCache(ref: HubRef, env: Env): HubResolution | null {
  const commit = cachedCommit(ref.repo, ref.revision, env);
  if (!commit) return null;
  const dir = snapshotDir(ref.repo, commit, env);
  const files: Record<string, string | null> = {};
  for (const f of [...CONFIG_FILES, ...TOKENIZER_FILES]) files[f] = existsSync(join(dir, f)) ? join(dir, f) : null;
  return choose(files);
}

export async function resolveHubTokenizer(ref: HubRef, options: HubOptions = {}): Promise<HubResolution> {
  const env = options.env ?? process.env;
  const cached = fromCache(ref, env);
  if (cached) return cached;
  if (env.HF_HUB_OFFLINE === '1' || env.HF_HUB_OFFLINE === 'true') {
    throw new TokenizerNotFoundError(`${ref.repo}@${ref.revision} is not in the HF cache and HF_HUB_OFFLINE is set`, { file: snapshotDir(ref.repo, ref.revision, env), expected: `one of ${TOKENIZER_FILES.join(', ')}` });
  }
  const get = async (file: string): Promise<string | null> => (await downloadToCache(ref.repo, ref.revision, file, { env, fetch: options.fetch, optional: true }))?.path ?? null;
  const files: Record<string, string | null> = {};
  for (const f of CONFIG_FILES) files[f] = await get(f);
  const xglm = isXglmRepo(files['config.json'], files['tokenizer_config.json']);
  for (const f of TOKENIZER_FILES) {
    if (f === 'sentencepiece.bpe.model' && !xglm) continue;
    files[f] = await get(f);
    const picked = choose(files);
    if (picked) return picked;
  }
  throw new TokenizerNotFoundError(`${ref.repo}@${ref.revision} has no tokenizer file we can read`, { field: 'hub:OWNER/NAME', expected: `one of ${TOKENIZER_FILES.join(', ')}` });
}
