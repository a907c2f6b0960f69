/**
 * `hub:OWNER/NAME[@REVISION]`: find a repository's tokenizer files in the HF cache, downloading
 * the missing ones first, and say which loader reads them. XGLM-type repositories (config.json
 * `model_type` xglm, or tokenizer_config.json `tokenizer_class` XGLMTokenizer) prefer
 * `sentencepiece.bpe.model` (our exact SentencePiece engine); others `tokenizer.json`, then
 * `tokenizer.model`. Files live in the shared HF cache (src/hub); see `resolveHubTokenizer` for
 * when the network is asked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  cachedCommit, hubContext, hubFile, hubFileMetadata, isOffline, parseHubRef, snapshotDir, writeRef,
  type Env, type HubFileMetadata, type HubOptions, type HubRef,
} from '../../hub/index.js';
import { TokenizerNotFoundError } from '../errors.js';

export { parseHubRef, type HubRef, type HubOptions };

/** Which loader reads the files, and where they are. */
export type HubResolution =
  | { loader: 'xglm'; dir: string; files: string[] }
  | { loader: 'hf'; path: string; files: string[] }
  | { loader: 'spm'; path: string; files: string[] };

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
function fromCache(repo: string, commit: string, env: Env): HubResolution | null {
  const dir = snapshotDir(repo, commit, env);
  const files: Record<string, string | null> = {};
  for (const f of [...CONFIG_FILES, ...TOKENIZER_FILES]) files[f] = existsSync(join(dir, f)) ? join(dir, f) : null;
  return choose(files);
}

/**
 * A cache that already holds a usable file (at the commit, or at the commit `refs/<revision>`
 * names) is used without any network call: a tokenizer of a branch is taken as cached. (Models
 * re-check a branch with one HEAD, as huggingface_hub does; see src/hub/model.ts.) Otherwise one
 * HEAD of config.json names the commit and the files are fetched at it.
 */
export async function resolveHubTokenizer(ref: HubRef, options: HubOptions = {}): Promise<HubResolution> {
  const ctx = hubContext(options);
  const env = ctx.env;
  const cachedAt = cachedCommit(ref.repo, ref.revision, env);
  const cached = cachedAt ? fromCache(ref.repo, cachedAt, env) : null;
  if (isOffline(env)) {
    if (cached) return cached;
    throw new TokenizerNotFoundError(`${ref.repo}@${ref.revision} is not in the HF cache and HF_HUB_OFFLINE is set`, { file: snapshotDir(ref.repo, cachedAt ?? ref.revision, env), expected: `one of ${TOKENIZER_FILES.join(', ')}` });
  }
  if (cached) return cached;
  const config = await hubFileMetadata(ref, 'config.json', ctx);
  if (config.commit) {
    writeRef(ref.repo, ref.revision, config.commit, env);
    const hit = fromCache(ref.repo, config.commit, env);
    if (hit) return hit;
  }
  const pinned: HubRef = config.commit ? { repo: ref.repo, revision: config.commit } : ref;
  const get = async (file: string, known?: HubFileMetadata): Promise<string | null> =>
    (await hubFile(pinned, file, ctx, { optional: true, ...(known && pinned === ref ? { known } : {}) }))?.path ?? null;
  const files: Record<string, string | null> = {};
  files['config.json'] = config.found ? await get('config.json', config) : null;
  files['tokenizer_config.json'] = await get('tokenizer_config.json');
  const xglm = isXglmRepo(files['config.json'], files['tokenizer_config.json']);
  for (const f of TOKENIZER_FILES) {
    if (f === 'sentencepiece.bpe.model' && !xglm) continue;
    files[f] = await get(f);
    const picked = choose(files);
    if (picked) return picked;
  }
  throw new TokenizerNotFoundError(`${ref.repo}@${ref.revision} has no tokenizer file we can read`, { field: 'hub:OWNER/NAME', expected: `one of ${TOKENIZER_FILES.join(', ')}` });
}
