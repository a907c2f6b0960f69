/** `analyze tokenization`: per-language tokenization statistics as a tidy table (+ HTML report). */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DEFAULT_CORPUS_SPEC } from '../../corpora/spec.js';
import { DEFAULT_ALPHA, DEFAULT_OUT_DIR, TOKENIZATION_FORMATS, type TokenizationFormat } from '../../stats/job/defaults.js';
import { DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_BOOTSTRAP_SEED } from '../../stats/bootstrap/options.js';
import { createOutput } from '../output.js';
import { commandLine } from '../command-line.js';
import { parseChoiceList } from '../choice-list.js';

interface TokenizationArgs {
  tokenizer?: string[];
  corpus: string;
  langs: string;
  out: string;
  format: string;
  workers?: number;
  alpha: number;
  bootstrap: number;
  bootstrapSeed: number;
  resume: boolean;
  svg: boolean;
  json: boolean;
  quiet: boolean;
}

export const tokenizationCommand: CommandModule<object, TokenizationArgs> = {
  command: 'tokenization',
  describe: 'Per-language tokenization statistics (fertility, premium, …) as a tidy CSV/JSON table and an HTML report',
  builder: (y: Argv) =>
    y
      .option('tokenizer', { type: 'string', array: true, describe: 'Tokenizer spec (spm:FILE, xglm:…, hf:FILE, tiktoken:NAME, …); repeat to compare side by side. Default: XGLM\'s (hub:facebook/xglm-564M) when it is in the HF cache, else tiktoken:o200k_base' })
      .option('corpus', { type: 'string', default: DEFAULT_CORPUS_SPEC, describe: 'udhr (bundled), flores:DIR, ud:DIR, text:DIR, xnli:DIR or pawsx:DIR' })
      .option('langs', { type: 'string', default: 'all', describe: 'all, xglm (XGLM\'s 30), or codes/names: en,de | eng_Latn,deu_Latn | eng' })
      .option('out', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'Output folder (tables, report, checkpoints)' })
      .option('format', { type: 'string', default: TOKENIZATION_FORMATS.join(','), describe: 'Comma-separated outputs: csv,json,html' })
      .option('workers', { type: 'number', describe: 'Worker threads (default: number of cores; 0 = none)' })
      .option('alpha', { type: 'number', default: DEFAULT_ALPHA, describe: 'Rényi order α for renyi_efficiency' })
      .option('bootstrap', { type: 'number', default: DEFAULT_BOOTSTRAP_RESAMPLES, describe: 'Bootstrap resamples per language for the 95% intervals (value_low, value_high); 0 turns them off' })
      .option('bootstrap-seed', { type: 'number', default: DEFAULT_BOOTSTRAP_SEED, describe: 'Seed of the bootstrap resamples' })
      .option('svg', { type: 'boolean', default: true, describe: 'With html: also write each chart as SVG for papers (--no-svg to skip)' })
      .option('resume', { type: 'boolean', default: true, describe: 'Reuse per-language checkpoints of an earlier run in --out (--no-resume to recount)' })
      .example('$0 tokenization --langs xglm', 'XGLM\'s 30 languages on the bundled UDHR with the default tokenizer')
      .example('$0 tokenization --tokenizer spm:../shared/fixtures/golden/udhr-unigram-8k.model --tokenizer tiktoken:o200k_base --corpus flores:../shared/data/flores200 --langs en,de,zh --out reports/flores', 'Compare two tokenizers on FLORES-200')
      .example('$0 tokenization --corpus ud:../shared/data/pos/ud_pud --langs en --format csv --out reports/ud --json', 'Gold words from CoNLL-U; print rows as JSON') as unknown as Argv<TokenizationArgs>,
  handler: async (argv: ArgumentsCamelCase<TokenizationArgs>) => {
    const out = createOutput({ json: argv.json, quiet: argv.quiet });
    const formats: TokenizationFormat[] = parseChoiceList(argv.format, TOKENIZATION_FORMATS, 'format');
    const [{ analyzeTokenization }, { tokenizationHtmlRenderer }, { defaultTokenizerChoice }] = await Promise.all([
      import('../../stats/index.js'), import('../../report/index.js'), import('../../tokenizers/index.js'),
    ]);
    let tokenizers = argv.tokenizer ?? [];
    // Said once, after the run: a notice in front of an error would read as its cause.
    let notice: string | undefined;
    if (tokenizers.length === 0) {
      const choice = defaultTokenizerChoice();
      tokenizers = [choice.spec];
      notice = `tokenizer: ${choice.spec} (default: ${choice.reason})`;
    }
    const result = await analyzeTokenization({
      tokenizers,
      corpus: argv.corpus,
      langs: argv.langs,
      outDir: argv.out,
      formats,
      ...(argv.workers !== undefined ? { workers: argv.workers } : {}),
      alpha: argv.alpha,
      bootstrap: argv.bootstrap,
      bootstrapSeed: argv.bootstrapSeed,
      resume: argv.resume,
      renderHtml: tokenizationHtmlRenderer({ command: commandLine(), svg: argv.svg }),
      onProgress: (done, total, label) => out.progress(label, done, total),
    });
    out.progressDone();
    if (notice) out.info(notice);
    out.result({ files: result.files, overlapFiles: result.overlapFiles, tokenizers: result.tokenizers, corpus: result.corpus, languages: result.languages, missing: result.missing, computed: result.computed, resumed: result.resumed, alpha: result.alpha, efficiencyVocabulary: result.efficiencyVocabulary, bootstrap: result.bootstrap, fairness: result.fairness, rows: result.rows }, () => {
      const fert = result.rows.filter((r) => r.metric === 'fertility');
      const lines = [
        `${result.languages.length} languages × ${result.tokenizers.length} tokenizer(s) on ${result.corpus} (${result.computed} counted, ${result.resumed} from checkpoints; words: ${[...new Set(fert.map((r) => r.word_source))].join(', ')})`,
        `  efficiencies: |V| = ${result.efficiencyVocabulary}, Rényi α = ${result.alpha}`,
        `  intervals: ${result.bootstrap.resamples ? `${Math.round(result.bootstrap.level * 100)}% bootstrap, ${result.bootstrap.resamples} resamples of segments, seed ${result.bootstrap.seed}` : 'off (--bootstrap 0)'}`,
        ...Object.entries(result.files).map(([format, path]) => `  ${format}: ${path}`),
        ...Object.values(result.overlapFiles.overlap).map((path, i) => `  overlap, allocation: ${path}, ${Object.values(result.overlapFiles.allocation)[i]}`),
      ];
      if (result.missing.length) lines.push(`  not in this corpus: ${result.missing.join(', ')}`);
      return lines.join('\n');
    });
  },
};
