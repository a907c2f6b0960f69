/**
 * What every corpus reader yields: typed segments of one language, keyed so that parallel corpora
 * can be aligned segment by segment (UDHR article number, FLORES line, XNLI row …).
 */
/** Where word boundaries came from: CoNLL-U gold words, or `Intl.Segmenter` word segments. */
export type WordSource = 'gold' | 'segmenter';

export interface Segment {
  /** Alignment key, equal across languages for the same content (e.g. `article:3`, `dev:17`). */
  id: string;
  /** The running text. */
  text: string;
  /** Gold words (CoNLL-U forms) in order, when the corpus has them. */
  words?: string[];
}

export interface LanguageText {
  /** The corpus's own language code. */
  language: string;
  segments: Segment[];
  /** `gold` when every segment carries gold words, else `segmenter`. */
  wordSource: WordSource;
  /** BCP-47 tag used for `Intl.Segmenter` (falls back to the code itself). */
  locale: string;
}

export type CorpusKind = 'udhr' | 'flores' | 'ud' | 'text' | 'xnli' | 'pawsx';

export interface Corpus {
  /** The spec it was opened from (`udhr`, `flores:/path` …). */
  readonly spec: string;
  readonly kind: CorpusKind;
  /** Whether segments with equal ids are translations of each other (premium needs this). */
  readonly parallel: boolean;
  /** The corpus's own language codes, sorted. */
  languages(): string[];
  /** Read one language; throws `BadInputError`/`MissingLanguageError` naming the file and line. */
  read(language: string): LanguageText;
}
