/**
 * `npm run bench:bootstrap`: what the bootstrap intervals cost, against counting measured in the
 * same run. Counts every language in this thread twice (without and with per-segment statistics,
 * after a warm-up on the first 20), then times turning the counts into rows with 0, 100, 200 and
 * 1000 resamples (`intervalRows`). Times are CPU seconds of this single-threaded process, so a
 * shared machine's load changes them less than wall time.
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
    resamples: { type: 'string', default: '0,100,200,1000' },
  },
});
const spec = values.tokenizer ?? defaultTokenizerSpec();
const tokenizer = await loadTokenizer(spec);
const corpus = openCorpus(values.corpus!);
const { codes: languages } = resolveLanguageList(values.langs!, corpus.languages(), corpus.spec);
const english = corpus.parallel ? resolveLanguage('eng', corpus.languages(), corpus.spec) : undefined;
const work = english && !languages.includes(english) ? [...languages, english] : languages;

const time = <T>(f: () => T): [T, number] => {
  const t0 = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(t0);
  return [value, (used.user + used.system) / 1e6];
};
const countAll = (units: boolean, langs = work): Map<string, LanguageCount> => new Map(langs.map((l) => [l, countLanguage(tokenizer, corpus, l, { units })]));

countAll(true, work.slice(0, 20));
const [, plain] = time(() => countAll(false));
const [counts, withUnits] = time(() => countAll(true));
const units = [...counts.values()].reduce((n, c) => n + (c.units?.ids.length ?? 0), 0);
const entries = [...counts.values()].reduce((n, c) => n + (c.units?.idCount.length ?? 0), 0);
console.log(`${spec} on ${corpus.spec}: ${languages.length} languages, ${units} segments, ${entries} (segment, id) entries`);
console.log(`CPU seconds, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} at the end of counting`);
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
