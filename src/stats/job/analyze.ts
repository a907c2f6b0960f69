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
import { exampleSegmentation, pickExampleText, type TokenizationExample } from '../examples.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { splitCommaList } from '../../util/comma-list.js';
import { checkOutputFolder } from '../../util/output-location.js';
import { writeOutputSet } from '../../util/output-set.js';
import { checkpointDir, checkpointKey, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { WorkRequest } from './messages.js';
import { runPool } from './pool.js';
import { countLanguageMany, type LanguageCount } from './process-language.js';
import { defaultTokenizerSpec } from '../../tokenizers/load.js';
import { loadTokenizerBySpec, type TokenizerLoader } from './tokenizer-loader.js';
import { DEFAULT_ALPHA, DEFAULT_OUT_DIR, TOKENIZATION_FORMATS, type TokenizationFormat } from './defaults.js';


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
}

function checkOptions(o: TokenizationJobOptions): void {
  const alpha = o.alpha ?? DEFAULT_ALPHA;
  if (!Number.isFinite(alpha) || alpha <= 0) throw new InvalidOptionError(`bad Rényi order ${alpha}`, { field: 'alpha', expected: 'a number > 0' });
  const workers = o.workers;
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
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const formats = options.formats ?? (options.renderHtml ? [...TOKENIZATION_FORMATS] : ['csv', 'json']);
  const specs = [...new Set(options.tokenizers ?? [defaultTokenizerSpec()])];
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
  for (const spec of specs) loaded.push(await loader(spec));
  const tokenizers: TokenizerInfo[] = loaded.map((t, i) => ({ spec: specs[i], name: t.name, vocabSize: t.vocabSize, sourceFiles: [...t.sourceFiles] }));
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
    const req: WorkRequest = { tasks: [], tokenizers: [], corpus: corpus.spec, language };
    tokenizers.forEach((t, ti) => {
      const hit = options.resume === false ? undefined : loadCheckpoint(dirs[ti], language);
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
  // Once a tokenizer's English counter is in, each language's counter becomes its rows straight
  // away and is let go (the rows are the same whenever they are made): 204 o200k_base counters
  // held to the end cost about 100 MB.
  const requested = new Set(languages);
  const rowsOf = new Map<string, StatRow[]>();
  const settle = (ti: number, language: string): void => {
    const key = unitKey(ti, language);
    const c = counts.get(key);
    if (!c || !requested.has(language) || rowsOf.has(key)) return;
    const englishCount = english ? counts.get(unitKey(ti, english))?.counter : undefined;
    if (english && !englishCount) return;
    const t = tokenizers[ti];
    rowsOf.set(key, toStatRows(c.counter, { tokenizer: t.spec, corpus: corpus.spec, language, wordSource: c.wordSource, vocabSize: t.vocabSize, alpha, english: englishCount }));
    if (language !== english) counts.delete(key);
  };
  const record = (ti: number, count: LanguageCount): void => {
    counts.set(unitKey(ti, count.language), count);
    saveCheckpoint(dirs[ti], count);
    if (count.language === english) for (const language of languages) settle(ti, language);
    else settle(ti, count.language);
    options.onProgress?.(++done, total, `${tokenizers[ti].name} ${count.language}`);
  };
  const threads = options.loadTokenizer ? 0 : (options.workers ?? availableParallelism());
  if (threads === 0) {
    for (const req of todo) {
      const results = countLanguageMany(req.tasks.map((ti) => loaded[ti]), corpus, req.language);
      results.forEach((c, i) => record(req.tasks[i], c));
    }
  } else {
    loaded.length = 0;
    await runPool(todo, threads, (reply) => reply.counts.forEach((c) => record(c.task, c)));
  }

  // 5. Rows, in tokenizer × requested-language order.
  const rows: StatRow[] = [];
  tokenizers.forEach((_, ti) => {
    for (const language of languages) {
      settle(ti, language);
      rows.push(...rowsOf.get(unitKey(ti, language))!);
    }
  });

  // 6. Outputs, each written atomically; examples.json sits beside the table for `analyze report`.
  // The set is staged and swapped in whole (writeOutputSet): an interrupt leaves the previous run's set.
  const staged = await writeOutputSet(outDir, async (dir) => {
    const written: Partial<Record<TokenizationFormat, string>> = writeTidyTables(dir, rows, formats.filter((f): f is TableFormat => f !== 'html'));
    writeFileAtomic(join(dir, 'examples.json'), `${JSON.stringify(examples)}\n`);
    if (formats.includes('html') && options.renderHtml) {
      written.html = await options.renderHtml({ rows, outDir: dir, tokenizers, corpus: corpus.spec, languages, examples });
    }
    return written;
  });
  const files: Partial<Record<TokenizationFormat, string>> = staged.value;
  return { rows, files, tokenizers, corpus: corpus.spec, languages, missing, examples, english, resumed, computed: units, workers: threads, efficiencyVocabulary: 'tokenizer vocabulary size', alpha };
}
