/**
 * The model files behind tokenizer specs, for reports whose inputs are saved tables (the
 * correlation and study reports): each spec is resolved by the tokenizer factory itself, offline
 * (a hub spec reads the HF cache and never downloads), and its `sourceFiles` are what gets hashed,
 * so every report names and hashes the same files the tokenization stage read. Hashes saved in a
 * `provenance.json` beside the statistics (written when they were counted) are used first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeProvenance } from './provenance.js';
import type { ReportFileHash, ReportProvenance } from './types.js';

export interface TokenizerProvenance {
  spec: string;
  files: ReportFileHash[];
  /** Why there are no files: packaged ranks, or the files could not be found here. */
  note?: string;
}

/** Tokenizer entries of a saved provenance.json beside `statsFile` that list files, by spec. */
function savedHashes(statsFile: string | undefined): Map<string, ReportFileHash[]> {
  const out = new Map<string, ReportFileHash[]>();
  if (!statsFile) return out;
  const file = join(dirname(statsFile), 'provenance.json');
  if (!existsSync(file)) return out;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReportProvenance>;
    for (const t of saved.tokenizers ?? []) {
      if (typeof t?.spec === 'string' && Array.isArray(t.files) && t.files.length && t.files.every((f) => typeof f?.path === 'string' && typeof f?.sha256 === 'string')) out.set(t.spec, t.files);
    }
  } catch {
    // An unreadable provenance.json is ignored: the specs are resolved below instead.
  }
  return out;
}

/** Every spec with the SHA-256 of each of its model files (through `makeProvenance`, the one hashing path). */
export async function tokenizerProvenance(specs: readonly string[], options: { statsFile?: string; env?: Record<string, string | undefined> } = {}): Promise<TokenizerProvenance[]> {
  const saved = savedHashes(options.statsFile);
  const { loadTokenizer } = await import('../tokenizers/load.js');
  const env = { ...(options.env ?? process.env), HF_HUB_OFFLINE: '1' };
  const out: TokenizerProvenance[] = [];
  for (const spec of [...new Set(specs)]) {
    const known = saved.get(spec);
    if (known) {
      out.push({ spec, files: known });
      continue;
    }
    let files: readonly string[];
    try {
      files = (await loadTokenizer(spec, { env })).sourceFiles;
    } catch (error) {
      out.push({ spec, files: [], note: `model files not found here, so not hashed (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    const hashed = (await makeProvenance({ command: '', tokenizers: [{ spec, files }] })).tokenizers[0]!;
    out.push(files.length ? hashed : { spec, files: [], note: 'no files: packaged ranks' });
  }
  return out;
}
