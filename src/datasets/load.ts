import { existsSync } from 'node:fs';
import { readUtf8File } from '../corpora/read-text.js';
import { join } from 'node:path';
import { archiveDatasetFor, archiveLocation, loadFromArchive, panxMissingError, type ArchiveDataset } from './archives.js';
import { defaultCacheDir, fetchToCache, type FetchLike } from './cache.js';
import { fileCandidates, type DatasetTask, type FileCandidate } from './catalog.js';
import { fromConllu } from './conllu.js';
import { DatasetUnavailableError } from './errors.js';
import { fromPairTsv } from './pairs.js';
import { canonicalUrl } from './sources.js';
import { fromTaggedTsv } from './tagged.js';
import { NER_TAGS, PAWSX_LABELS, UPOS_TAGS, XNLI_LABELS, type PairExample, type Split, type TaggedSentence } from './types.js';

/** Where to look for data: a local root laid out like shared/data, else a URL root mirrored into a cache. */
export interface DataSource {
  /**
   * Local data root (e.g. ../shared/data). With neither this nor `baseUrl`, UD PUD test sets come
   * from GitHub and XNLI / PAWS-X / PAN-X from their archives (see `archives`).
   */
  dataDir?: string;
  /** URL root with the same layout; files are downloaded into `cacheDir` on first use. */
  baseUrl?: string;
  /** Default `$TOKGAP_CACHE` or `~/.cache/tokgap`. */
  cacheDir?: string;
  fetch?: FetchLike;
  /**
   * Archive per dataset (URL or local path) for XNLI, PAWS-X and PAN-X, beating
   * `$TOKGAP_XNLI_URL` / `$TOKGAP_PAWSX_URL` / `$TOKGAP_PANX_URL` and the canonical URLs.
   */
  archives?: Partial<Record<ArchiveDataset, string>>;
}

/** The label set each task's files must use. */
export function labelSet(task: DatasetTask): readonly string[] {
  switch (task) {
    case 'xnli': return XNLI_LABELS;
    case 'pawsx': return PAWSX_LABELS;
    case 'pos': return UPOS_TAGS;
    case 'ner': return NER_TAGS;
  }
}

export function parseFile(task: DatasetTask, candidate: FileCandidate, text: string, file: string): PairExample[] | TaggedSentence[] {
  const labels = labelSet(task);
  switch (candidate.format) {
    case 'pair-tsv': return fromPairTsv(text, file, labels);
    case 'tagged-tsv': return fromTaggedTsv(text, file, labels);
    case 'conllu': return fromConllu(text, file, labels);
  }
}

/** Rows of one split plus the file they came from; `undefined` when no candidate exists anywhere. */
export async function loadSplit(
  task: DatasetTask,
  lang: string,
  split: Split,
  source: DataSource,
): Promise<{ rows: PairExample[] | TaggedSentence[]; file: string } | undefined> {
  const candidates = fileCandidates(task, lang, split);
  for (const c of candidates) {
    if (source.dataDir !== undefined) {
      const file = join(source.dataDir, c.relPath);
      if (existsSync(file)) return { rows: parseFile(task, c, readUtf8File(file), file), file };
    }
  }
  if (source.baseUrl !== undefined) {
    const cacheDir = join(source.cacheDir ?? defaultCacheDir(), 'data');
    for (const c of candidates) {
      const url = `${source.baseUrl.replace(/\/$/, '')}/${c.relPath}`;
      const file = await fetchToCache(url, c.relPath, cacheDir, source.fetch);
      if (file !== undefined) return { rows: parseFile(task, c, readUtf8File(file), file), file };
    }
  }
  const noSource = source.baseUrl === undefined && source.dataDir === undefined;
  if (noSource) {
    const canonical = canonicalUrl(task, lang, split);
    if (canonical) {
      const file = await fetchToCache(canonical.url, canonical.relPath, join(source.cacheDir ?? defaultCacheDir(), 'data'), source.fetch);
      if (file !== undefined) return { rows: fromConllu(readUtf8File(file), file, labelSet(task)), file };
    }
  }
  // Archives: the maintainers' one by default when no source is given; a configured one
  // (`archives` option or $TOKGAP_<NAME>_URL) also fills what --data / --data-url lack.
  const dataset = archiveDatasetFor(task);
  if (dataset !== undefined) {
    const where = archiveLocation(dataset, source);
    if (where === undefined && noSource) throw panxMissingError();
    if (where !== undefined && (noSource || where.explicit)) return loadFromArchive(task, lang, split, source);
  }
  return undefined;
}

/** Train / model-selection / test rows for one (task, language), with notes on any substitution. */
export interface TaskData {
  train: PairExample[] | TaggedSentence[];
  dev: PairExample[] | TaggedSentence[];
  test: PairExample[] | TaggedSentence[];
  /** Human-readable notes: which split stood in for a missing one. */
  notes: string[];
}

/**
 * Load all three roles, filling gaps from what exists (docs/tuning.md, "Missing splits"): XNLI has no train (train on the
 * first 80 % of dev, select on the rest); PAWS-X lacks test for most languages (split dev 60/20/20);
 * POS lacks train for some languages (train on dev). Slices are contiguous so they are deterministic.
 */
export async function loadTaskData(task: DatasetTask, lang: string, source: DataSource): Promise<TaskData> {
  const [train, dev, test] = await Promise.all(
    (['train', 'dev', 'test'] as const).map((s) => loadSplit(task, lang, s, source)),
  );
  const notes: string[] = [];
  const where = source.dataDir ?? source.baseUrl ?? '(no data source)';
  if (!dev && !train) {
    throw new DatasetUnavailableError(`no ${task} data for language "${lang}"`, {
      file: where, expected: `a train or dev split under ${fileCandidates(task, lang, 'dev').map((c) => c.relPath).join(' or ')} (give --data DIR, $TOKGAP_DATA or --data-url)`,
    });
  }
  if (train && dev && test) return { train: train.rows, dev: dev.rows, test: test.rows, notes };
  const pool = (dev ?? train)!;
  if (!test) {
    if (train && dev) {
      const [d, t] = carveSplits(dev.rows, [0.5]);
      notes.push(`no ${task} test set for ${lang}: ${dev.file} split 50/50 into dev/test`);
      return { train: train.rows, dev: d!, test: t!, notes };
    }
    const [a, b, c] = carveSplits(pool.rows, [0.6, 0.2]);
    notes.push(`no ${task} test set for ${lang}: ${pool.file} split 60/20/20 into train/dev/test`);
    return { train: a!, dev: b!, test: c!, notes };
  }
  if (!train) {
    const [a, b] = carveSplits(pool.rows, [0.8]);
    notes.push(`no ${task} train set for ${lang}: trained on the first 80% of ${pool.file}, selected on the rest`);
    return { train: a!, dev: b!, test: test.rows, notes };
  }
  // train + test, no dev: hold out the last 10 % of train for selection.
  const [a, b] = carveSplits(train.rows, [0.9]);
  notes.push(`no ${task} dev set for ${lang}: selected on the last 10% of ${train.file}`);
  return { train: a!, dev: b!, test: test.rows, notes };
}

/** Cut rows into contiguous parts at the given cumulative fractions (last part gets the rest). */
export function carveSplits<A extends readonly unknown[]>(rows: A, fractions: number[]): A[] {
  const parts: A[] = [];
  let start = 0;
  let acc = 0;
  for (const f of fractions) {
    acc += f;
    const end = Math.round(rows.length * acc);
    parts.push(rows.slice(start, end) as unknown as A);
    start = end;
  }
  parts.push(rows.slice(start) as unknown as A);
  return parts;
}
