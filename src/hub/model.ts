/**
 * `resolveModel`: a model spec → a local folder holding `config.json`, the weights and the
 * tokenizer files. A folder spec is the folder itself. A hub spec resolves its revision to a
 * commit and fills `snapshots/<commit>/` of the shared HF cache, the way `snapshot_download`
 * would for these files.
 *
 * When a second run touches the network:
 * - a commit-hash revision whose snapshot is complete: never;
 * - a branch or tag (`main`): one HEAD of config.json to learn the commit it points to now, as
 *   huggingface_hub does online (a moved branch then downloads the new commit); when the hub
 *   cannot be reached (refused, reset, timed out), the commit in `refs/<revision>` is used if its
 *   snapshot is complete, as huggingface_hub falls back to the cache on connection errors;
 * - `HF_HUB_OFFLINE=1`: never; a missing file is an error naming it.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DownloadError } from '../net/index.js';
import { cachedCommit, isCommitHash, repoCacheDir, snapshotDir, writeRef } from './cache.js';
import { hubContext, type HubContext, type HubOptions } from './context.js';
import { isOffline } from './env.js';
import { MODEL_SPEC_TEXT, ModelNotFoundError } from './errors.js';
import { hubFile } from './file.js';
import { hubFileMetadata } from './metadata.js';
import { parseModelSpec, type HubRef } from './spec.js';
import { CHECKPOINT_FILES, readWeightMap, type CheckpointForm } from './weight-files.js';

/** The weight layouts a model folder can hold: the checkpoint loader's forms. */
export type WeightFormat = CheckpointForm;

/** Weight files in the order transformers looks for them (the loader's own list). */
export const WEIGHT_CANDIDATES: readonly { file: string; format: WeightFormat }[] = (Object.entries(CHECKPOINT_FILES) as [WeightFormat, string][])
  .map(([format, file]) => ({ file, format }));

/** Tokenizer files fetched beside the weights when the repository has them. */
export const TOKENIZER_FILES: readonly string[] = ['tokenizer_config.json', 'special_tokens_map.json', 'sentencepiece.bpe.model', 'tokenizer.json', 'tokenizer.model'];

export interface ResolvedModel {
  /** The spec as given (what results record as `model`). */
  spec: string;
  /** The local folder (a snapshot folder for the hub). */
  dir: string;
  source: 'folder' | 'hub';
  repo?: string;
  revision?: string;
  commit?: string;
  /** Weight layout found, when known (hub specs always; folders when recognisable). */
  format?: WeightFormat;
  /** Files of the model downloaded by this call (empty on a cache hit). */
  downloaded: string[];
}

export interface ResolveModelOptions extends HubOptions {
  /** Told when a cached snapshot stands in for an unreachable hub. */
  onNote?: (note: string) => void;
}

export async function resolveModel(spec: string, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const parsed = parseModelSpec(spec);
  if (parsed.kind === 'folder') return _resolveFolder(spec, parsed.path);
  return _resolveHub(spec, parsed.ref, hubContext(options), options.onNote);
}

function _resolveFolder(spec: string, path: string): ResolvedModel {
  const dir = resolve(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelNotFoundError('model folder not found', { file: dir, field: 'model', expected: MODEL_SPEC_TEXT });
  }
  if (!existsSync(join(dir, 'config.json'))) {
    throw new ModelNotFoundError('the model folder has no config.json', { file: dir, field: 'model', expected: MODEL_SPEC_TEXT });
  }
  const weights = weightsIn(dir);
  return { spec, dir, source: 'folder', ...(weights ? { format: weights.format } : {}), downloaded: [] };
}

/** The shard files an index names, each once (the index is validated by the checkpoint loader's reader). */
export function shardsOfIndex(indexFile: string): string[] {
  return [...new Set(readWeightMap(indexFile).values())];
}

/** The weight layout in a folder and the files it still lacks (shards an index names), or null. */
export function weightsIn(dir: string): { format: WeightFormat; files: string[]; missing: string[] } | null {
  for (const c of WEIGHT_CANDIDATES) {
    const path = join(dir, c.file);
    if (!existsSync(path)) continue;
    const shards = c.format.endsWith('sharded') ? shardsOfIndex(path) : [];
    return { format: c.format, files: [c.file, ...shards], missing: shards.filter((s) => !existsSync(join(dir, s))) };
  }
  return null;
}

/** What a snapshot lacks to be a complete model: config.json, weights, shards. */
function missingIn(dir: string): string[] {
  if (!existsSync(dir)) return ['config.json', 'weights'];
  const missing = existsSync(join(dir, 'config.json')) ? [] : ['config.json'];
  const weights = weightsIn(dir);
  if (!weights) return [...missing, `weights (one of ${WEIGHT_CANDIDATES.map((c) => c.file).join(', ')})`];
  return [...missing, ...weights.missing];
}

function _fromCache(spec: string, ref: HubRef, commit: string, ctx: HubContext): ResolvedModel | null {
  const dir = snapshotDir(ref.repo, commit, ctx.env);
  if (missingIn(dir).length > 0) return null;
  return { spec, dir, source: 'hub', repo: ref.repo, revision: ref.revision, commit, format: weightsIn(dir)!.format, downloaded: [] };
}

async function _resolveHub(spec: string, ref: HubRef, ctx: HubContext, onNote?: (note: string) => void): Promise<ResolvedModel> {
  const cachedAt = cachedCommit(ref.repo, ref.revision, ctx.env);
  if (isOffline(ctx.env)) {
    if (!cachedAt) {
      throw new ModelNotFoundError(`${ref.repo}@${ref.revision} is not in the HF cache and HF_HUB_OFFLINE is set`, {
        file: join(repoCacheDir(ref.repo, ctx.env), 'refs', ref.revision), field: 'HF_HUB_OFFLINE',
        expected: 'a snapshot downloaded earlier (by tokgap or huggingface_hub), or unset HF_HUB_OFFLINE',
      });
    }
    const dir = snapshotDir(ref.repo, cachedAt, ctx.env);
    const missing = missingIn(dir);
    if (missing.length > 0) {
      throw new ModelNotFoundError(`${ref.repo}@${ref.revision} is incomplete in the HF cache and HF_HUB_OFFLINE is set; missing: ${missing.join(', ')}`, {
        file: dir, field: 'HF_HUB_OFFLINE', expected: 'a complete snapshot, or unset HF_HUB_OFFLINE to download the rest',
      });
    }
    return _fromCache(spec, ref, cachedAt, ctx)!;
  }
  if (isCommitHash(ref.revision)) {
    const hit = _fromCache(spec, ref, ref.revision, ctx);
    if (hit) return hit;
  }

  // Online: one HEAD names the commit; everything after is fetched at that commit.
  let config;
  try {
    config = await hubFileMetadata(ref, 'config.json', ctx);
  } catch (error) {
    // As huggingface_hub: a connection failure (not an HTTP answer) falls back to the cache.
    const offline = error instanceof DownloadError && ['unreachable', 'broken', 'stalled'].includes(error.kind);
    const fallback = offline && cachedAt ? _fromCache(spec, ref, cachedAt, ctx) : null;
    if (!fallback) throw error;
    onNote?.(`the hub is unreachable; using the cached snapshot ${cachedAt} of ${ref.repo}@${ref.revision}`);
    return fallback;
  }
  const commit = config.commit ?? ref.revision;
  writeRef(ref.repo, ref.revision, commit, ctx.env);
  const hit = _fromCache(spec, ref, commit, ctx);
  if (hit) return hit;
  if (!config.found) {
    throw new ModelNotFoundError(`${ref.repo}@${ref.revision} has no config.json, so it is not a model repository: ${config.url}`, { field: 'model', expected: 'a transformers model repository' });
  }
  const pinned: HubRef = { repo: ref.repo, revision: commit };
  const downloaded: string[] = [];
  const get = async (file: string, optional: boolean, known?: typeof config) => {
    const got = await hubFile(pinned, file, ctx, { optional, ...(known ? { known } : {}) });
    if (got?.downloaded) downloaded.push(file);
    return got;
  };
  await get('config.json', false, config);

  let format: WeightFormat | undefined;
  for (const c of WEIGHT_CANDIDATES) {
    const got = await get(c.file, true);
    if (!got) continue;
    format = c.format;
    if (c.format.endsWith('sharded')) for (const shard of shardsOfIndex(got.path)) await get(shard, false);
    break;
  }
  if (format === undefined) {
    throw new ModelNotFoundError(`${ref.repo}@${ref.revision} has no weights`, {
      field: 'model', expected: `one of ${WEIGHT_CANDIDATES.map((c) => c.file).join(', ')} in the repository`,
    });
  }
  for (const file of TOKENIZER_FILES) await get(file, true);
  return { spec, dir: snapshotDir(ref.repo, commit, ctx.env), source: 'hub', repo: ref.repo, revision: ref.revision, commit, format, downloaded };
}
