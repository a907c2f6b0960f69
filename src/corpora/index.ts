export type { Corpus, CorpusKind, LanguageText, Segment } from './types.js';
export { openCorpus, CORPUS_KINDS, DEFAULT_CORPUS_SPEC } from './spec.js';
export { openUdhr, parseUdhrHtml } from './udhr.js';
export { openFlores } from './flores.js';
export { openConllu, parseConllu } from './conllu.js';
export { openTextDir } from './text-dir.js';
export { openTsvPairs, parsePairTsv, type PairTsvRow, type PairTsvOptions } from './tsv-pairs.js';
export { decodeUtf8, readUtf8File } from './read-text.js';
export { UnknownLanguageError, MissingLanguageError, CorpusSpecError, LanguageNotInCorpusError } from './errors.js';
export {
  loadLanguageTable,
  xglmLanguages,
  findLanguageEntries,
  resolveLanguage,
  resolveLanguageList,
  suggestLanguages,
  corpusCodeFor,
} from './languages.js';
export type { LanguageEntry, LanguageTable, XglmInfo, ResolvedLanguages } from './languages.js';
