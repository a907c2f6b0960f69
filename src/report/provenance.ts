/** Provenance for report headers: content hashes of model files, the tokgap version, the command. */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unreadableFile } from '../errors.js';
import type { ReportProvenance } from './types.js';
import { escapeHtml } from './escape.js';

/** SHA-256 of a file's bytes, hex; streamed so model files of any size are fine. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (cause) {
    throw unreadableFile(path, cause, 'file to hash for provenance');
  }
  return hash.digest('hex');
}

import { tokgapVersion } from '../util/version.js';

export { tokgapVersion };

export interface ProvenanceInput {
  command: string;
  tokenizers: { spec: string; files: readonly string[] }[];
  corpus?: { spec: string; size: string };
  languages?: string[];
  /** Default: now. */
  date?: Date;
}

/** Fill in version and date and hash every tokenizer file. */
export async function makeProvenance(input: ProvenanceInput): Promise<ReportProvenance> {
  const tokenizers = [];
  for (const t of input.tokenizers) {
    const files = [];
    for (const path of t.files) files.push({ path, sha256: await hashFile(path) });
    tokenizers.push({ spec: t.spec, files });
  }
  return {
    version: tokgapVersion(),
    date: (input.date ?? new Date()).toISOString(),
    command: input.command,
    tokenizers,
    ...(input.corpus ? { corpus: input.corpus } : {}),
    ...(input.languages ? { languages: input.languages } : {}),
  };
}

/** A provenance for reports rebuilt from saved tables when no provenance.json was saved with them. */
export function unknownProvenance(command: string): ReportProvenance {
  return { version: tokgapVersion(), date: new Date().toISOString(), command, tokenizers: [] };
}

export function provenanceHtml(p: ReportProvenance, libraries: Record<string, string>): string {
  const tokenizers = p.tokenizers.length
    ? `<ul>${p.tokenizers
        .map((t) => {
          const files = t.files.length
            ? `<ul>${t.files.map((f) => `<li><code>${escapeHtml(f.path)}</code> sha256 <code class="hash">${escapeHtml(f.sha256)}</code></li>`).join('')}</ul>`
            : ` <span class="note">(${escapeHtml(t.note ?? 'no files: packaged ranks')})</span>`;
          return `<li><code>${escapeHtml(t.spec)}</code>${files}</li>`;
        })
        .join('')}</ul>`
    : '<span class="note">not recorded</span>';
  const corpus = p.corpus ? `<code>${escapeHtml(p.corpus.spec)}</code> (${escapeHtml(p.corpus.size)})` : '<span class="note">not recorded</span>';
  const languages = p.languages?.length
    ? `${p.languages.length}: ${p.languages.map(escapeHtml).join(', ')}`
    : '<span class="note">not recorded</span>';
  const libs = Object.entries(libraries)
    .map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(v)}`)
    .join(', ');
  const inputs = p.inputs?.length
    ? `<dt>Inputs</dt><dd><ul>${p.inputs
        .map((f) => `<li>${escapeHtml(f.role)}: <code>${escapeHtml(f.path)}</code> sha256 <code class="hash">${escapeHtml(f.sha256)}</code></li>`)
        .join('')}</ul></dd>\n`
    : '';
  return `<dl class="provenance">
<dt>tokgap</dt><dd>${escapeHtml(p.version)} (charts: ${libs})</dd>
<dt>Date</dt><dd>${escapeHtml(p.date)}</dd>
<dt>Command</dt><dd><code>${escapeHtml(p.command)}</code></dd>
${inputs}<dt>Tokenizers</dt><dd>${tokenizers}</dd>
<dt>Corpus</dt><dd>${corpus}</dd>
<dt>Languages</dt><dd>${languages}</dd>
</dl>`;
}
