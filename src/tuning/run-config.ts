/**
 * One grid run as a `TuneConfig` of its own: the serialisable unit that another process (a local
 * worker or a queue worker) runs with `tune()`. Its grid plans exactly that run and nothing else,
 * so the rows it writes are the ones the parent grid would have written.
 */
import type { GridRun, GridSpec } from './grid.js';
import type { TuneConfig } from './options.js';

/** The grid a tune config describes (the model as results record it). */
export function gridSpecOf(config: TuneConfig): GridSpec {
  return {
    task: config.task, methods: config.methods, languages: config.langs, setting: config.setting,
    sourceLanguage: config.sourceLanguage, seeds: config.seeds, model: config.modelName ?? config.model,
    freezeEmbeddings: config.freezeEmbeddings,
  };
}

/** `config` narrowed to `run`: one method, one seed, the run's languages (its test languages in zero-shot). */
export function runTuneConfig(config: TuneConfig, run: GridRun): TuneConfig {
  return {
    ...config,
    task: run.task as TuneConfig['task'],
    methods: [run.method],
    seeds: [run.seed],
    setting: run.setting,
    langs: run.setting === 'zero-shot' ? [...run.evalLanguages] : [run.trainLanguage],
    ...(run.setting === 'zero-shot' ? { sourceLanguage: run.trainLanguage } : {}),
  };
}
