/**
 * The main job, `analyze tokenization`: open a corpus, resolve the languages, count every
 * language with every tokenizer (worker threads shard the languages; per-language checkpoints let
 * a long run resume), merge the counters into tidy rows and write CSV/JSON (and HTML through the
 * renderer the caller passes). Every input is checked before anything is written.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { openCorpus, DEFAULT_CORPUS_SPEC } from '../../corpora/spec.js';
import { resolveLanguage, resolveLanguageList } from '../../corpora/languages.js';
import { BadInputError, InvalidOptionError } from '../../errors.js';
import type { StatRow } from '../../tables/tidy.js';
import { writeTidyTables, type TableFormat } from '../../tables/write.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import { toStatRows } from '../rows.js';
import { fillOverlapMetrics, overlapRows, tokenizerOverlap, type TokenizerOverlap } from '../overlap/index.js';
import { writeOverlapTables } from '../../tables/overlap.js';
import { exampleSegmentation, pickExampleText, type TokenizationExample } from '../examples.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { splitCommaList } from '../../util/comma-list.js';
import { checkOutputFolder } from '../../util/output-location.js';
import { writeOutputSet } from '../../util/output-set.js';
import { checkpointDir, checkpointKey, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { WorkRequest } from './messages.js';
import { runPool } from './pool.js';
import { countLanguageMany, type LanguageCount } from './process-language.js';
import { canonicalTokenizerSpec, defaultTokenizerSpec } from '../../tokenizers/load.js';
import { loadTokenizerBySpec, type TokenizerLoader } from './tokenizer-loader.js';
import { DEFAULT_ALPHA, DEFAULT_OUT_DIR, TOKENIZATION_FORMATS, type TokenizationFormat } from './defaults.js';
import { BOOTSTRAP_LEVEL, DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_BOOTSTRAP_SEED } from '../bootstrap/options.js';
import { intervalRows, type DifferenceRow } from './interval-rows.js';
import { IntervalBook } from './interval-book.js';
import { fairnessSummary, type FairnessRow } from '../fairness.js';
import { DIFFERENCE_COLUMNS, FAIRNESS_COLUMNS, writeSummaryTable } from '../../tables/summaries.js';


export interface TokenizerInfo {
  spec: string;
  name: string;
  vocabSize: number;
  sourceFiles: string[];
}

/** What an HTML renderer gets; it returns the path of the page it wrote. */
export interface HtmlRenderContext {
  rows: StatRow[];
  outDir: string;
  tokenizers: TokenizerInfo[];
  corpus: string;
  languages: string[];
  examples: TokenizationExample[];
  /** Per tokenizer: JSD between the languages and vocabulary allocation (overlap.csv, allocation.csv). */
  overlap?: TokenizerOverlap[];
}

export interface TokenizationJobOptions {
  /** Tokenizer specs; default `[defaultTokenizerSpec()]`. */
  tokenizers?: string[];
  /** Corpus spec; default `udhr`. */
  corpus?: string;
  /** `all`, `xglm`, or a comma-separated list of codes/names. */
  langs?: string;
  outDir?: string;
  formats?: TokenizationFormat[];
  /** Worker threads; default the number of cores; 0 counts in this thread. */
  workers?: number;
  /** Rényi order; default 2.5. */
  alpha?: number;
  /** Bootstrap resamples per language for the 95% intervals (`value_low`, `value_high`); 0 turns them off. Default 100. */
  bootstrap?: number;
  /** Seed of the resamples (default 1); equal seeds give equal intervals. */
  bootstrapSeed?: number;
  /** Reuse per-language checkpoints of an earlier run with the same inputs (default true). */
  resume?: boolean;
  /** Load tokenizers in this thread instead of through the tokenizer factory (forces workers 0). */
  loadTokenizer?: TokenizerLoader;
  /** Writes the HTML page; required when `formats` has `html`. */
  renderHtml?: (ctx: HtmlRenderContext) => Promise<string>;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface TokenizationJobResult {
  rows: StatRow[];
  files: Partial<Record<TokenizationFormat, string>>;
  tokenizers: TokenizerInfo[];
  corpus: string;
  languages: string[];
  /** XGLM languages the corpus lacks (only with `--langs xglm`). */
  missing: string[];
  /** One example segmentation per language and tokenizer (also saved as `examples.json`). */
  examples: TokenizationExample[];
  /** The corpus code used as English for premium, if any. */
  english?: string;
  /** Language × tokenizer units taken from checkpoints / computed now. */
  resumed: number;
  computed: number;
  workers: number;
  /** What |V| is in shannon_efficiency / renyi_efficiency (Zouhar et al.'s code defaults to observed types). */
  efficiencyVocabulary: 'tokenizer vocabulary size';
  alpha: number;
  /** Per tokenizer: JSD between the languages and vocabulary allocation (also overlap.csv, allocation.csv). */
  overlap: TokenizerOverlap[];
  /** Where overlap.csv/.json and allocation.csv/.json went (by table and format). */
  overlapFiles: { overlap: Partial<Record<TableFormat, string>>; allocation: Partial<Record<TableFormat, string>> };
  /** How the intervals were made (resamples 0: none). */
  bootstrap: { resamples: number; seed: number; level: number };
  /** Per tokenizer across the run's languages (also `fairness.csv`). */
  fairness: FairnessRow[];
  /** Each tokenizer against the first, with paired intervals (also `differences.csv`; empty for one tokenizer). */
  differences: DifferenceRow[];
}

function checkOptions(o: TokenizationJobOptions): void {
  const alpha = o.alpha ?? DEFAULT_ALPHA;
  if (!Number.isFinite(alpha) || alpha <= 0) throw new InvalidOptionError(`bad Rényi order ${alpha}`, { field: 'alpha', expected: 'a number > 0' });
  const workers = o.workers;
  if (o.bootstrap !== undefined && (!Number.isInteger(o.bootstrap) || o.bootstrap < 0)) throw new InvalidOptionError(`bad number of bootstrap resamples ${o.bootstrap}`, { field: 'bootstrap', expected: 'an integer ≥ 0 (0 turns intervals off)' });
  if (o.bootstrapSeed !== undefined && (!Number.isSafeInteger(o.bootstrapSeed) || o.bootstrapSeed < 0)) throw new InvalidOptionError(`bad bootstrap seed ${o.bootstrapSeed}`, { field: 'bootstrap-seed', expected: 'an integer ≥ 0' });
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new InvalidOptionError(`bad worker count ${workers}`, { field: 'workers', expected: 'an integer ≥ 0' });
  for (const f of o.formats ?? []) {
    if (!(TOKENIZATION_FORMATS as readonly string[]).includes(f)) throw new InvalidOptionError(`unknown format "${f}"`, { field: 'format', expected: TOKENIZATION_FORMATS.join(', ') });
  }
  if (o.formats?.includes('html') && !o.renderHtml) {
    throw new InvalidOptionError('html output needs a renderer', { field: 'format', expected: 'csv,json or a renderHtml option' });
  }
  if (o.tokenizers && o.tokenizers.length === 0) throw new InvalidOptionError('no tokenizer given', { field: 'tokenizer' });
  if (o.tokenizers?.some((spec) => spec.trim() === '')) throw new InvalidOptionError('an empty tokenizer spec', { field: 'tokenizer', expected: 'a spec such as tiktoken:o200k_base' });
  // An empty list (`--langs "$UNSET"`) must not fall back to every language.
  if (o.langs !== undefined && splitCommaList(o.langs).length === 0) throw new InvalidOptionError('no language given', { field: 'langs', expected: 'all, xglm or a comma-separated list of codes/names' });
}

export async function analyzeTokenization(options: TokenizationJobOptions = {}): Promise<TokenizationJobResult> {
  checkOptions(options);
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const bootstrap = { resamples: options.bootstrap ?? DEFAULT_BOOTSTRAP_RESAMPLES, seed: options.bootstrapSeed ?? DEFAULT_BOOTSTRAP_SEED, level: BOOTSTRAP_LEVEL };
  const needUnits = bootstrap.resamples > 0;
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const formats = options.formats ?? (options.renderHtml ? [...TOKENIZATION_FORMATS] : ['csv', 'json']);
  // Canonical where the spec is one tokgap parses (a custom loader may take others as they are).
  const canonical = (spec: string): string => {
    try {
      return canonicalTokenizerSpec(spec);
    } catch {
      return spec;
    }
  };
  const specs = [...new Set((options.tokenizers ?? [defaultTokenizerSpec()]).map(canonical))];
  checkOutputFolder(outDir, { option: '--out' });
  const corpus = openCorpus(options.corpus ?? DEFAULT_CORPUS_SPEC);

  // 1. Languages: the requested ones, plus English as the premium reference on parallel text.
  const codes = corpus.languages();
  const { codes: languages, missing } = resolveLanguageList(options.langs ?? 'all', codes, `corpus ${corpus.spec}`);
  if (languages.length === 0) throw new InvalidOptionError('no languages to analyse', { field: 'langs' });
  let english: string | undefined;
  if (corpus.parallel) {
    try {
      english = resolveLanguage('eng', codes, corpus.spec);
    } catch {
      english = undefined;
    }
  }
  const work = english && !languages.includes(english) ? [...languages, english] : languages;

  // 2. Check every input before any work or output: bad files fail here with file and line.
  const exampleTexts = new Map<string, string>();
  for (const language of work) {
    const text = corpus.read(language);
    if (text.segments.length === 0) throw new BadInputError('empty text', { field: language, expected: `text for ${language} in ${corpus.spec}` });
    const example = pickExampleText(text.segments);
    if (example && languages.includes(language)) exampleTexts.set(language, example);
  }

  // 3. Tokenizers (loaded here for names and sizes; workers load their own copies).
  const loader = options.loadTokenizer ?? loadTokenizerBySpec;
  const loaded: Tokenizer[] = [];
  // Rows carry the loaded tokenizer's canonical spec, so `o200k_base` and `tiktoken:o200k_base`
  // are one tokenizer within a run and join across runs.
  for (const spec of specs) loaded.push(await loader(spec));
  const tokenizers: TokenizerInfo[] = loaded.map((t, i) => ({ spec: specs[i]!, name: t.name, vocabSize: t.vocabSize, sourceFiles: [...t.sourceFiles] }));

  // Examples now, so that with worker threads this thread's tokenizers can be let go before the
  // counting starts (each thread holds its own copy; o200k_base is ~100 MB a copy).
  const examples: TokenizationExample[] = [];
  tokenizers.forEach((t, ti) => {
    for (const [language, text] of exampleTexts) examples.push(exampleSegmentation(loaded[ti], t.spec, language, text));
  });
  // 4. Counting, resumed from checkpoints where possible.
  const counts = new Map<string, LanguageCount>();
  const unitKey = (t: number, language: string): string => `${t}\u0000${language}`;
  const dirs = tokenizers.map((t) => checkpointDir(outDir, checkpointKey(t.spec, t.sourceFiles, corpus.spec)));
  // One request per language with every tokenizer that still needs it: words are split once.
  const todo: WorkRequest[] = [];
  let resumed = 0;
  let units = 0;
  for (const language of work) {
    const req: WorkRequest = { tasks: [], tokenizers: [], corpus: corpus.spec, language, units: needUnits };
    tokenizers.forEach((t, ti) => {
      const hit = options.resume === false ? undefined : loadCheckpoint(dirs[ti], language, needUnits);
      if (hit) {
        counts.set(unitKey(ti, language), hit);
        resumed++;
      } else {
        req.tasks.push(ti);
        req.tokenizers.push(t.spec);
        units++;
      }
    });
    if (req.tasks.length) todo.push(req);
  }
  const total = tokenizers.length * work.length;
  let done = resumed;
  // Resampling runs here as each count arrives, while the workers count the next languages.
  const book = new IntervalBook({ vocabSizes: tokenizers.map((t) => t.vocabSize), alpha, bootstrap, ...(english ? { english } : {}) }, (ti) => (english ? counts.get(unitKey(ti, english)) : undefined));
  const booked = new Set<string>();
  const addToBook = (ti: number, count: LanguageCount): void => {
    if (booked.has(unitKey(ti, count.language))) return;
    booked.add(unitKey(ti, count.language));
    book.add(ti, count);
  };
  // English first, so that the other languages find it and pair their premium at once.
  if (english) todo.sort((a, b) => Number(b.language === english) - Number(a.language === english));
  const record = (ti: number, count: LanguageCount): void => {
    counts.set(unitKey(ti, count.language), count);
    saveCheckpoint(dirs[ti], count);
    addToBook(ti, count);
    options.onProgress?.(++done, total, `${tokenizers[ti].name} ${count.language}`);
  };
  const threads = options.loadTokenizer ? 0 : (options.workers ?? availableParallelism());
  if (threads === 0) {
    for (const req of todo) {
      const results = countLanguageMany(req.tasks.map((ti) => loaded[ti]), corpus, req.language, { units: needUnits });
      results.forEach((c, i) => record(req.tasks[i], c));
    }
  } else {
    loaded.length = 0;
    await runPool(todo, threads, (reply) => reply.counts.forEach((c) => record(c.task, c)));
  }

  // Counts from checkpoints, English first.
  for (const language of english ? [english, ...work.filter((l) => l !== english)] : work) {
    tokenizers.forEach((_t, ti) => addToBook(ti, counts.get(unitKey(ti, language))!));
  }

  // 5. Rows, in tokenizer × requested-language order, with bootstrap intervals and the summaries.
  const { rows, differences } = intervalRows({
    tokenizers, corpus: corpus.spec, languages, ...(english ? { english } : {}), alpha, bootstrap,
    count: (ti, language) => counts.get(unitKey(ti, language)),
    replicatesOf: (ti, count) => book.replicatesOf(ti, count),
  });
  const fairness = fairnessSummary(rows);

  // 5b. Across languages (Limisiewicz et al. 2023): JSD of the token distributions and owned ids.
  const overlap = tokenizers.map((t, ti) => tokenizerOverlap({
    tokenizer: t.spec, vocabSize: t.vocabSize,
    languages: languages.map((language) => ({ language, idCounts: counts.get(unitKey(ti, language))!.counter.idCounts })),
    ...(english ? { english: { language: english, idCounts: counts.get(unitKey(ti, english))!.counter.idCounts } } : {}),
  }));
  fillOverlapMetrics(rows, overlap);

  // 6. Outputs, each written atomically; examples.json sits beside the table for `analyze report`.
  // The set is staged and swapped in whole (writeOutputSet): an interrupt leaves the previous run's set.
  const staged = await writeOutputSet(outDir, async (dir) => {
    const written: Partial<Record<TokenizationFormat, string>> = writeTidyTables(dir, rows, formats.filter((f): f is TableFormat => f !== 'html'));
    const tableFormats = formats.filter((f): f is TableFormat => f !== 'html');
    writeSummaryTable(dir, 'fairness', fairness, FAIRNESS_COLUMNS, tableFormats);
    if (tokenizers.length > 1) writeSummaryTable(dir, 'differences', differences, DIFFERENCE_COLUMNS, tableFormats);
    writeFileAtomic(join(dir, 'examples.json'), `${JSON.stringify(examples)}\n`);
    const overlapFiles = writeOverlapTables(dir, overlap.flatMap(overlapRows), overlap.flatMap((o) => o.allocation), tableFormats);
    if (formats.includes('html') && options.renderHtml) {
      written.html = await options.renderHtml({ rows, outDir: dir, tokenizers, corpus: corpus.spec, languages, examples, overlap });
    }
    return { written, overlapFiles };
  });
  const files: Partial<Record<TokenizationFormat, string>> = staged.value.written;
  const overlapFiles = staged.value.overlapFiles;
  return { rows, files, tokenizers, corpus: corpus.spec, languages, missing, examples, english, resumed, computed: units, workers: threads, efficiencyVocabulary: 'tokenizer vocabulary size', alpha, overlap, overlapFiles, bootstrap, fairness, differences };
}
