/** Statistics: mergeable counters from encodings, one metric per file, tidy rows, and the tokenization job. */
export { emptyCounter, mergeCounters, counterToJSON, counterFromJSON } from './counter.js';
export type { TokenCounter, TokenCounterJSON } from './counter.js';
export { countSegment, addTokens, tokensPerWord, segmentWords } from './count.js';
export type { SegmentInput, SegmentWords } from './count.js';
export { segmenterWords, goldWordSpans } from './words.js';
export type { Span } from './words.js';
export * from './metrics/index.js';
export { computeMetrics, toStatRows } from './rows.js';
export type { RowContext } from './rows.js';
export { analyzeTokenization } from './job/analyze.js';
export { TOKENIZATION_FORMATS, DEFAULT_OUT_DIR, DEFAULT_ALPHA } from './job/defaults.js';
export type { TokenizationFormat } from './job/defaults.js';
export type { TokenizationJobOptions, TokenizationJobResult, TokenizerInfo, HtmlRenderContext } from './job/analyze.js';
export { countLanguage, countLanguageMany } from './job/process-language.js';
export { exampleSegmentation, exampleFromEncoding, pickExampleText } from './examples.js';
export type { TokenizationExample } from './examples.js';
