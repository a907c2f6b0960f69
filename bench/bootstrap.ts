/**
 * `npm run bench:bootstrap`: what the bootstrap intervals cost, against counting measured in the
 * same run. Counts every language in this thread twice (without and with per-segment statistics),
 * then times turning the counts into rows with 0, 200 and 1000 resamples (`intervalRows`).
 *
 * Options: --tokenizer SPEC (default: the default tokenizer), --corpus SPEC (default udhr),
 * --langs LIST (default all), --resamples LIST (default 0,200,1000).
 */
import { parseArgs } from 'node:util';
import { openCorpus } from '../src/corpora/spec.js';
import { resolveLanguage, resolveLanguageList } from '../src/corpora/languages.js';
import { defaultTokenizerSpec, loadTokenizer } from '../src/tokenizers/load.js';
import { countLanguage, type LanguageCount } from '../src/stats/job/process-language.js';
import { intervalRows } from '../src/stats/job/interval-rows.js';

const { values } = parseArgs({
  options: {
    tokenizer: { type: 'string' },
    corpus: { type: 'string', default: 'udhr' },
    langs: { type: 'string', default: 'all' },
    resamples: { type: 'string', default: '0,200,1000' },
  },
});
const spec = values.tokenizer ?? defaultTokenizerSpec();
const tokenizer = await loadTokenizer(spec);
const corpus = openCorpus(values.corpus!);
const { codes: languages } = resolveLanguageList(values.langs!, corpus.languages(), corpus.spec);
const english = corpus.parallel ? resolveLanguage('eng', corpus.languages(), corpus.spec) : undefined;
const work = english && !languages.includes(english) ? [...languages, english] : languages;

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, (performance.now() - t0) / 1000];
};
const countAll = (units: boolean): Map<string, LanguageCount> => new Map(work.map((l) => [l, countLanguage(tokenizer, corpus, l, { units })]));

const [, plain] = time(() => countAll(false));
const [counts, withUnits] = time(() => countAll(true));
const units = [...counts.values()].reduce((n, c) => n + (c.units?.ids.length ?? 0), 0);
const entries = [...counts.values()].reduce((n, c) => n + (c.units?.idCount.length ?? 0), 0);
console.log(`${spec} on ${corpus.spec}: ${languages.length} languages, ${units} segments, ${entries} (segment, id) entries`);
console.log(`count, no per-segment statistics   ${plain.toFixed(2)} s  (reference)`);
console.log(`count, with per-segment statistics ${withUnits.toFixed(2)} s  ×${(withUnits / plain).toFixed(2)}`);
for (const resamples of values.resamples!.split(',').map(Number)) {
  const [, seconds] = time(() =>
    intervalRows({
      tokenizers: [{ spec, vocabSize: tokenizer.vocabSize }], corpus: corpus.spec, languages, ...(english ? { english } : {}), alpha: 2.5,
      bootstrap: { resamples, seed: 1 }, count: (_ti, language) => counts.get(language),
    }),
  );
  console.log(`rows with ${String(resamples).padStart(4)} resamples        ${seconds.toFixed(2)} s  = ${((100 * seconds) / plain).toFixed(1)}% of counting`);
}
