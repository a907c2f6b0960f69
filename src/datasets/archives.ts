import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readUtf8File } from '../corpora/read-text.js';
import { detectFormat, extractTarMember, extractZipMember, memberMatches, verifyArchive } from './archive-read.js';
import { defaultCacheDir, type FetchLike } from './cache.js';
import type { DatasetTask } from './catalog.js';
import { downloadFile } from './download.js';
import { DatasetUnavailableError } from './errors.js';
import { fromHeaderTsv } from './pairs.js';
import { fromTaggedTsv } from './tagged.js';
import { NER_TAGS, PAWSX_LABELS, XNLI_LABELS, type PairExample, type Split, type TaggedSentence } from './types.js';

/** The datasets whose maintainers publish them only as one archive. */
export type ArchiveDataset = 'xnli' | 'pawsx' | 'panx';
export const ARCHIVE_DATASETS: readonly ArchiveDataset[] = ['xnli', 'pawsx', 'panx'] as const;

/** Where one dataset's archive comes from and how its members map onto our splits. */
export interface ArchiveSpec {
  dataset: ArchiveDataset;
  task: DatasetTask;
  /** Environment variable that overrides the location (a URL or a local path). */
  envVar: string;
  /** The maintainers' URL; PAN-X has none (manual download), so it must be configured. */
  defaultUrl?: string;
  /** Languages the archive holds; others are answered "not here" without downloading. */
  languages?: readonly string[];
  /**
   * Member path(s) holding (lang, split), outermost first (PAN-X nests `<lang>.tar.gz` in the outer
   * archive); `undefined` when the archive has no such split.
   */
  members(lang: string, split: Split): string[] | undefined;
  parse(text: string, file: string, lang: string): PairExample[] | TaggedSentence[];
}

const XNLI_LANGS = ['ar', 'bg', 'de', 'el', 'en', 'es', 'fr', 'hi', 'ru', 'sw', 'th', 'tr', 'ur', 'vi', 'zh'] as const;
const PAWSX_LANGS = ['de', 'en', 'es', 'fr', 'ja', 'ko', 'zh'] as const;

export const ARCHIVE_SOURCES: Record<ArchiveDataset, ArchiveSpec> = {
  xnli: {
    dataset: 'xnli',
    task: 'xnli',
    envVar: 'TOKGAP_XNLI_URL',
    defaultUrl: 'https://dl.fbaipublicfiles.com/XNLI/XNLI-1.0.zip',
    languages: XNLI_LANGS,
    // XNLI ships dev and test only (training data is MultiNLI, a separate corpus).
    members: (_lang, split) => (split === 'train' ? undefined : [`XNLI-1.0/xnli.${split}.tsv`]),
    parse: (text, file, lang) =>
      fromHeaderTsv(text, file, XNLI_LABELS, { sentence1: 'sentence1', sentence2: 'sentence2', label: 'gold_label' }, lang),
  },
  pawsx: {
    dataset: 'pawsx',
    task: 'pawsx',
    envVar: 'TOKGAP_PAWSX_URL',
    defaultUrl: 'https://storage.googleapis.com/paws/pawsx/x-final.tar.gz',
    languages: PAWSX_LANGS,
    // Human-translated dev/test everywhere; the only human train set is English. The machine-
    // translated `translated_train.tsv` is a different setting (translate-train) and is not used.
    members: (lang, split) => {
      if (split === 'train') return lang === 'en' ? ['x-final/en/train.tsv'] : undefined;
      return [`x-final/${lang}/${split}_2k.tsv`];
    },
    parse: (text, file) => fromHeaderTsv(text, file, PAWSX_LABELS, { sentence1: 'sentence1', sentence2: 'sentence2', label: 'label' }),
  },
  panx: {
    dataset: 'panx',
    task: 'ner',
    envVar: 'TOKGAP_PANX_URL',
    // Rahimi et al. (2019) splits as XTREME uses them: `panx_dataset.tar` (or XTREME's
    // `AmazonPhotos.zip`) holding `<lang>.tar.gz`, each with `train`, `dev`, `test` IOB files.
    members: (lang, split) => [`${lang}.tar.gz`, split],
    parse: (text, file, lang) => fromTaggedTsv(text, file, NER_TAGS, { languagePrefix: lang }),
  },
};

/** The archive dataset that serves a task, if any (POS comes from plain UD files). */
export function archiveDatasetFor(task: DatasetTask): ArchiveDataset | undefined {
  switch (task) {
    case 'xnli': return 'xnli';
    case 'pawsx': return 'pawsx';
    case 'ner': return 'panx';
    case 'pos': return undefined;
  }
}

/** What an archive lookup needs from a `DataSource`. */
export interface ArchiveOptions {
  /** Per-dataset archive URL or local path; beats `$TOKGAP_<NAME>_URL` and the canonical URL. */
  archives?: Partial<Record<ArchiveDataset, string>>;
  cacheDir?: string;
  fetch?: FetchLike;
}

/** The configured location: option, then environment variable, then the maintainers' URL. */
export function archiveLocation(dataset: ArchiveDataset, options: ArchiveOptions = {}): { location: string; explicit: boolean } | undefined {
  const spec = ARCHIVE_SOURCES[dataset];
  const configured = options.archives?.[dataset] ?? nonEmpty(process.env[spec.envVar]);
  if (configured !== undefined) return { location: configured, explicit: true };
  return spec.defaultUrl !== undefined ? { location: spec.defaultUrl, explicit: false } : undefined;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s.trim() : undefined;
}

/** PAN-X has no public direct link; this says how to provide one. */
export function panxMissingError(): DatasetUnavailableError {
  return new DatasetUnavailableError('PAN-X (WikiANN) has no public direct download', {
    field: ARCHIVE_SOURCES.panx.envVar,
    expected:
      'the Rahimi et al. (2019) splits as XTREME uses them: download panx_dataset.tar (XTREME calls it AmazonPhotos.zip) by hand as '
      + "XTREME's README says, then set TOKGAP_PANX_URL to its local path or URL (or a URL with {lang} naming per-language "
      + '<lang>.tar.gz files), or give --data DIR / --data-url URL laid out like shared/data',
  });
}

/**
 * Rows of (task, lang, split) from the dataset's archive: download it once into the cache (verified,
 * atomic), extract just the needed member(s) into the cache, parse. `undefined` when the archive
 * has no such language or split.
 */
export async function loadFromArchive(
  task: DatasetTask,
  lang: string,
  split: Split,
  options: ArchiveOptions = {},
): Promise<{ rows: PairExample[] | TaggedSentence[]; file: string } | undefined> {
  const dataset = archiveDatasetFor(task);
  if (dataset === undefined) return undefined;
  const spec = ARCHIVE_SOURCES[dataset];
  const where = archiveLocation(dataset, options);
  if (where === undefined) throw panxMissingError();
  if (spec.languages !== undefined && !spec.languages.includes(lang)) return undefined;
  let chain = spec.members(lang, split);
  if (chain === undefined) return undefined;

  const cacheRoot = join(options.cacheDir ?? defaultCacheDir(), 'archives');
  let location = where.location;
  // `{lang}` names one archive per language (e.g. a mirror of per-language <lang>.tar.gz files).
  if (location.includes('{lang}')) {
    location = location.replaceAll('{lang}', lang);
    chain = chain.slice(1);
  }
  const { file: archive, label, dir } = await obtainArchive(dataset, location, cacheRoot, options.fetch);
  const member = await extractChain(archive, chain, dir, label);
  const rows = spec.parse(readUtf8File(member), member, lang);
  if (rows.length === 0 && dataset === 'xnli') {
    throw new DatasetUnavailableError(`${label} member ${chain.join(' → ')} has no rows with language "${lang}"`, {
      file: member, field: 'language', expected: `one of ${XNLI_LANGS.join(', ')}`,
    });
  }
  return { rows, file: member };
}

/** Local path (or file: URL) used in place; http(s) URLs are downloaded once into the cache. */
async function obtainArchive(
  dataset: ArchiveDataset,
  location: string,
  cacheRoot: string,
  fetchImpl: FetchLike | undefined,
): Promise<{ file: string; label: string; dir: string }> {
  if (/^https?:\/\//i.test(location)) {
    const dir = join(cacheRoot, `${dataset}-${hash(location)}`);
    const name = decodeURIComponent(new URL(location).pathname.split('/').pop() || `${dataset}.archive`);
    const file = await downloadFile(location, join(dir, name), fetchImpl, verifyArchive);
    return { file, label: location, dir };
  }
  const path = resolve(location.startsWith('file:') ? fileURLToPath(location) : location);
  if (!existsSync(path)) {
    throw new DatasetUnavailableError(`archive ${path} does not exist`, {
      file: path, field: ARCHIVE_SOURCES[dataset].envVar, expected: 'an existing archive file or an http(s) URL',
    });
  }
  // A replaced local archive gets a fresh extraction folder.
  const st = statSync(path);
  return { file: path, label: path, dir: join(cacheRoot, `${dataset}-${hash(`${path}|${st.size}|${st.mtimeMs}`)}`) };
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 12);
}

const extracting = new Map<string, Promise<void>>();

/** Extract each member of `chain` from the previous one, caching every step under `dir/members`. */
async function extractChain(archive: string, chain: readonly string[], dir: string, label: string): Promise<string> {
  let current = archive;
  let from = label;
  for (let i = 0; i < chain.length; i++) {
    const member = chain[i]!;
    const out = join(dir, 'members', ...chain.slice(0, i).map((m) => `${m}.d`), member);
    if (!existsSync(out)) {
      let job = extracting.get(out);
      if (!job) {
        job = extractOne(current, member, out, from).finally(() => extracting.delete(out));
        extracting.set(out, job);
      }
      await job;
    }
    current = out;
    from = `${from} → ${member}`;
  }
  return current;
}

async function extractOne(archive: string, member: string, out: string, label: string): Promise<void> {
  const format = detectFormat(archive);
  const wanted = (name: string): boolean => memberMatches(name, member);
  let got: string | undefined;
  try {
    got = format === 'zip' ? await extractZipMember(archive, wanted, out) : await extractTarMember(archive, format, wanted, out);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new DatasetUnavailableError(`could not extract ${member} from ${label}: ${why}`, {
      file: archive, field: member, cause, expected: `a complete ${format} archive`,
    });
  }
  if (got === undefined) {
    throw new DatasetUnavailableError(`${label} has no member ${member}`, {
      file: archive, field: member, expected: `an archive holding ${member}`,
    });
  }
}
