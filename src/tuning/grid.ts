import { InvalidOptionError } from '../errors.js';
import { resultKey } from './results-io.js';
import type { ResultRow, TuningMethod, TuningSetting } from './results.js';

export interface GridSpec {
  task: string;
  methods: readonly TuningMethod[];
  languages: readonly string[];
  setting: TuningSetting;
  seeds: readonly number[];
  model: string;
  /** Source language of zero-shot transfer. Default `en`. */
  sourceLanguage?: string;
}

/** One training run and the languages it is tested on (several in zero-shot, one in-language). */
export interface GridRun {
  task: string;
  method: TuningMethod;
  setting: TuningSetting;
  seed: number;
  model: string;
  trainLanguage: string;
  /** Languages still missing from the results file. */
  evalLanguages: string[];
}

/**
 * Plan the runs of a grid, leaving out cells already in `done`: in-language trains once per
 * (language, method, seed); zero-shot trains once on the source language per (method, seed) and tests
 * on every language. A run whose cells are all done disappears.
 */
export function planGrid(spec: GridSpec, done: readonly ResultRow[] = []): GridRun[] {
  if (spec.methods.length === 0) throw new InvalidOptionError('no tuning method given', { field: 'methods', expected: 'prompt and/or finetune' });
  if (spec.languages.length === 0) throw new InvalidOptionError('no language given', { field: 'langs', expected: 'at least one language code' });
  if (spec.seeds.length === 0) throw new InvalidOptionError('no seed given', { field: 'seeds', expected: 'at least one integer seed' });
  const have = new Set(done.map(resultKey));
  const missing = (method: TuningMethod, seed: number, language: string): boolean =>
    !have.has(resultKey({ task: spec.task, language, method, setting: spec.setting, seed, model: spec.model }));
  const runs: GridRun[] = [];
  for (const seed of spec.seeds) {
    for (const method of spec.methods) {
      const base = { task: spec.task, method, setting: spec.setting, seed, model: spec.model };
      if (spec.setting === 'zero-shot') {
        const evalLanguages = spec.languages.filter((l) => missing(method, seed, l));
        if (evalLanguages.length) runs.push({ ...base, trainLanguage: spec.sourceLanguage ?? 'en', evalLanguages });
      } else {
        for (const lang of spec.languages) {
          if (missing(method, seed, lang)) runs.push({ ...base, trainLanguage: lang, evalLanguages: [lang] });
        }
      }
    }
  }
  return runs;
}
