/**
 * What a study would do: every tuning cell (task × language × method × setting × seed) and each
 * stage's output files, marked done when they exist. Pure apart from checking files, so
 * `--dry-run` needs neither the model nor the data.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyConfig } from './config.js';
import { estimateStudyTime, studySpeed, type StudyTimeEstimate } from './estimate.js';
import type { StepSpeed } from '../tuning/speed-record.js';
import type { TaskName } from '../tasks/names.js';
import { cellKey, type TuningMethod, type TuningSetting } from '../tuning/results.js';

export interface StudyCell {
  task: TaskName;
  language: string;
  method: TuningMethod;
  setting: TuningSetting;
  seed: number;
  /** The `model` its results row records (`studyModelName`). */
  model: string;
}

export type StageName = 'tokenizer' | 'statistics' | 'pretrain' | 'tune' | 'correlate' | 'report';

export interface StagePlan {
  stage: StageName;
  /** `skip`: not part of this study (e.g. no pretraining for a Hugging Face model). */
  status: 'done' | 'todo' | 'skip';
  outputs: string[];
  detail: string;
}

export interface StudyLayout {
  outDir: string;
  tokenizerModel: string;
  statsFile: string;
  modelDir: string;
  /** Its presence marks pretraining done. */
  modelConfig: string;
  resultsFile: string;
  /** Where `save: true` keeps each cell's trained weights. */
  savedDir: string;
  correlationDir: string;
  /** The correlation table whose presence (and age) marks the stage done. */
  correlationsFile: string;
  reportDir: string;
  /** The page the run renders as `study`. */
  reportFile: string;
}

export interface StudyPlan {
  name: string;
  cells: StudyCell[];
  /** Cells whose result is already in the results file. */
  done: number;
  stages: StagePlan[];
  layout: StudyLayout;
  /** Wall time of the cells still to run, from measured (or documented) step speed; absent without one. */
  estimate?: StudyTimeEstimate;
}

export function studyLayout(outDir: string): StudyLayout {
  return {
    outDir,
    tokenizerModel: join(outDir, 'tokenizer', 'sp.model'),
    statsFile: join(outDir, 'stats', 'tokenization.csv'),
    modelDir: join(outDir, 'model'),
    modelConfig: join(outDir, 'model', 'config.json'),
    resultsFile: join(outDir, 'results.jsonl'),
    savedDir: join(outDir, 'saved'),
    correlationDir: join(outDir, 'correlation'),
    correlationsFile: join(outDir, 'correlation', 'correlations.csv'),
    reportDir: join(outDir, 'report'),
    reportFile: join(outDir, 'report', 'study.html'),
  };
}

/** What the study's results rows record as `model`: `pretrained:NAME`, or the hf model's name (default: its path). */
export function studyModelName(config: Pick<StudyConfig, 'model'>): string {
  const m = config.model;
  return m.type === 'pretrain' ? `pretrained:${m.name}` : (m.name ?? m.path);
}

/** Cells in a fixed order: task, setting, method, seed, language. */
export function studyCells(config: StudyConfig): StudyCell[] {
  const model = studyModelName(config);
  const cells: StudyCell[] = [];
  for (const task of config.tasks) {
    for (const setting of config.settings) {
      for (const method of config.methods) {
        for (const seed of config.seeds) {
          for (const language of task.languages) cells.push({ task: task.name, language, method, setting, seed, model });
        }
      }
    }
  }
  return cells;
}

/** A cell's identity: the tuning stage's `cellKey`, model included, so rows of another model never count as done. */
export { cellKey };

/** Done: a row of the study's model, or a row that names no model (another engine's, taken as the study's). */
export function isDone(c: StudyCell, doneKeys: ReadonlySet<string>): boolean {
  return doneKeys.has(cellKey(c)) || doneKeys.has(cellKey({ ...c, model: undefined }));
}

/** `speeds`: step-speed records by shape (`readStepSpeeds()`); with them the plan estimates its wall time. */
export function planStudy(config: StudyConfig, outDir: string, doneKeys: ReadonlySet<string> = new Set(), speeds?: { records: Record<string, StepSpeed>; file?: string }): StudyPlan {
  const layout = studyLayout(outDir);
  const cells = studyCells(config);
  const done = cells.filter((c) => isDone(c, doneKeys)).length;
  const model = config.model;
  const pretrain = model.type === 'pretrain' ? model : undefined;
  const hfPath = model.type === 'hf' ? model.path : '';
  const has = (p: string): boolean => existsSync(p);
  const stages: StagePlan[] = [
    pretrain
      ? { stage: 'tokenizer', status: has(layout.tokenizerModel) ? 'done' : 'todo', outputs: [layout.tokenizerModel], detail: `train a SentencePiece ${pretrain.tokenizer.modelType} tokenizer, ${pretrain.tokenizer.vocabSize} pieces, on ${pretrain.corpus}` }
      : { stage: 'tokenizer', status: 'skip', outputs: [], detail: `the model's own tokenizer (${hfPath})` },
    { stage: 'statistics', status: has(layout.statsFile) ? 'done' : 'todo', outputs: [layout.statsFile], detail: `tokenizers ${config.tokenizers.join(', ')} on ${config.corpus}` },
    pretrain
      ? { stage: 'pretrain', status: has(layout.modelConfig) ? 'done' : 'todo', outputs: [layout.modelDir], detail: `${pretrain.layers} layers, d_model ${pretrain.dModel}, ${pretrain.steps} steps on ${pretrain.languages.length} languages` }
      : { stage: 'pretrain', status: 'skip', outputs: [], detail: hfPath.startsWith('hub:') || has(hfPath) ? `uses ${hfPath}` : `uses ${hfPath}, which is MISSING: put an HF model folder there (config.json + weights), or set model.path to a hub:OWNER/NAME spec to download it` },
    { stage: 'tune', status: done === cells.length ? 'done' : 'todo', outputs: [layout.resultsFile], detail: `${cells.length} cells, ${done} already in the results file` },
    { stage: 'correlate', status: has(layout.correlationsFile) ? 'done' : 'todo', outputs: [layout.correlationDir], detail: `bootstrap ${config.correlation.bootstrap}, seed ${config.correlation.seed}` },
    { stage: 'report', status: has(layout.reportFile) ? 'done' : 'todo', outputs: [layout.reportFile], detail: config.scale === 'demo' ? 'labelled demo scale' : 'full scale' },
  ];
  const chosen = speeds ? studySpeed(config, speeds.records, speeds.file) : undefined;
  const estimate = chosen ? estimateStudyTime(config, cells.filter((c) => !isDone(c, doneKeys)), chosen) : undefined;
  return { name: config.name, cells, done, stages, layout, ...(estimate ? { estimate } : {}) };
}
