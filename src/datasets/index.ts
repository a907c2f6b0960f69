export type { PairExample, TaggedSentence, Split } from './types.js';
export { XNLI_LABELS, PAWSX_LABELS, UPOS_TAGS, NER_TAGS } from './types.js';
export { DatasetFormatError, DatasetUnavailableError } from './errors.js';
export { fromPairTsv, fromHeaderTsv, fromXnliJsonl } from './pairs.js';
export { fromTaggedTsv, type TaggedTsvOptions } from './tagged.js';
export { fromConllu } from './conllu.js';
export { defaultCacheDir, fetchToCache, type FetchLike } from './cache.js';
export { fileCandidates, DATASET_TASKS, type DatasetTask, type FileCandidate, type FileFormat } from './catalog.js';
export { loadSplit, loadTaskData, labelSet, type DataSource, type TaskData } from './load.js';
export { Rng } from '../util/rng.js';
export { bucketedBatches, evalBatches } from './batches.js';
export { canonicalUrl } from './sources.js';
export {
  ARCHIVE_SOURCES, ARCHIVE_DATASETS, archiveLocation, archiveDatasetFor, loadFromArchive,
  type ArchiveDataset, type ArchiveSpec, type ArchiveOptions,
} from './archives.js';
export { detectFormat, verifyArchive, type ArchiveFormat } from './archive-read.js';
