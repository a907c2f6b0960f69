/**
 * `analyze study`: runs a study file's stages in order — (tokenizer) → statistics → (pretrain)
 * → tune → correlate → report — skipping every stage whose outputs exist, so an interrupted
 * study resumes where it stopped. `dryRun` only plans.
 */
import { checkOutputFolder } from '../util/output-location.js';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  analyzeCorrelation, importResults, loadStats, writeCorrelationTables, type CorrelationAnalysis,
} from '../correlation/index.js';
import { baselinePoints, renderReport, tokenizerProvenance, tokgapVersion } from '../report/index.js';
import { readResults } from '../correlation/results-input.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { StudyConfig } from './config.js';
import { isHubSpec } from '../hub/spec.js';
import { resolveStudyPath } from './load-config.js';
import { cellKey, isDone, planStudy, studyLayout, studyModelName, type StageName, type StudyPlan } from './plan.js';
import { DEFAULT_STAGES, type StudyStages } from './stages.js';
import { buildStudyReport } from '../report/correlation.js';
import { readStepSpeeds, speedRecordFile } from '../tuning/speed-record.js';

export interface RunStudyOptions {
  /** Output folder (default `reports/studies/<name>`). */
  outDir?: string;
  dryRun?: boolean;
  /** Stage implementations (default: the library's; tests pass fakes). */
  stages?: Partial<StudyStages>;
  /** Shown in the report header. */
  command?: string;
  onStage?: (stage: StageName, status: 'run' | 'skip', detail: string) => void;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Enqueue the tuning grid on this Redis instead of running it here (overrides the file's `queue`). */
  queue?: string;
}

export interface StudyRunResult {
  plan: StudyPlan;
  /** What each stage did in this run. */
  stages: { stage: StageName; action: 'ran' | 'skipped' | 'not-needed' | 'planned' }[];
  analysis?: CorrelationAnalysis;
  report?: string;
}

/** Cells already in the study's results file (the rows its tuning stage wrote), keyed with their model. */
function doneKeys(resultsFile: string): Set<string> {
  return new Set(readResults(resultsFile, { strict: true }).map((r) => cellKey(r)));
}

const newer = (out: string, inputs: readonly string[]): boolean =>
  existsSync(out) && inputs.every((i) => !existsSync(i) || statSync(out).mtimeMs >= statSync(i).mtimeMs);

export async function runStudy(config: StudyConfig, options: RunStudyOptions = {}): Promise<StudyRunResult> {
  const outDir = resolve(options.outDir ?? join('reports', 'studies', config.name));
  // Read once: no stage before tuning writes results.
  const have = doneKeys(studyLayout(outDir).resultsFile);
  const plan = planStudy(config, outDir, have, { records: readStepSpeeds(), file: speedRecordFile() });
  if (options.dryRun) return { plan, stages: plan.stages.map((s) => ({ stage: s.stage, action: s.status === 'skip' ? 'not-needed' : 'planned' })) };

  // The study folder (its default too) must be writable before the first stage runs.
  checkOutputFolder(outDir, { option: options.outDir !== undefined ? '--out' : 'the study folder' });
  const stages: StudyStages = { ...DEFAULT_STAGES, ...options.stages };
  const L = plan.layout;
  const actions: StudyRunResult['stages'] = [];
  const step = async (stage: StageName, needed: boolean, done: boolean, detail: string, work: () => Promise<void>): Promise<void> => {
    if (!needed) { actions.push({ stage, action: 'not-needed' }); return; }
    if (done) { options.onStage?.(stage, 'skip', detail); actions.push({ stage, action: 'skipped' }); return; }
    options.onStage?.(stage, 'run', detail);
    await work();
    actions.push({ stage, action: 'ran' });
  };
  writeFileAtomic(join(outDir, 'study.json'), `${JSON.stringify(config, null, 2)}\n`);
  const model = config.model;

  // 1. Tokenizer (only when the study pretrains its own model).
  await step('tokenizer', model.type === 'pretrain', existsSync(L.tokenizerModel), 'SentencePiece training', async () => {
    if (model.type === 'pretrain') await stages.trainTokenizer({ model: { ...model, corpus: resolveCorpus(model.corpus) }, output: L.tokenizerModel });
  });

  // 2. Tokenization statistics for every tokenizer (`model` = the study model's own).
  // A hub model's tokenizer is the same hub spec (one cached snapshot serves both).
  const hfTokenizer = model.type === 'hf' ? (isHubSpec(model.path) ? model.path : `xglm:${resolveStudyPath(model.path)}`) : undefined;
  const tokenizerSpecs = config.tokenizers.map((t) => (t !== 'model' ? t : model.type === 'pretrain' ? `spm:${L.tokenizerModel}` : hfTokenizer!));
  const languages = [...new Set(config.tasks.flatMap((t) => t.languages))];
  await step('statistics', true, existsSync(L.statsFile), tokenizerSpecs.join(', '), () =>
    stages.statistics({ tokenizers: tokenizerSpecs, corpus: resolveCorpus(config.corpus), languages, output: L.statsFile }));

  // 3. Pretraining.
  await step('pretrain', model.type === 'pretrain', existsSync(L.modelConfig), 'small XGLM-shaped model', async () => {
    if (model.type === 'pretrain') await stages.pretrain({ model: { ...model, corpus: resolveCorpus(model.corpus) }, tokenizerModel: L.tokenizerModel, output: L.modelDir });
  });

  // 4. Tuning grid: only the cells not yet in the results file.
  const pending = plan.cells.filter((c) => !isDone(c, have));
  await step('tune', true, pending.length === 0, `${pending.length} of ${plan.cells.length} cells`, () => stages.tune({
    cells: pending,
    // A hub spec goes to the tuning stage as it is; it resolves it to the cache folder before any training.
    modelDir: model.type === 'pretrain' ? L.modelDir : isHubSpec(model.path) ? model.path : resolveStudyPath(model.path),
    modelName: studyModelName(config),
    ...(model.type === 'hf' && !isHubSpec(model.path) ? { tokenizer: hfTokenizer! } : {}),
    budgets: config.budgets, dataDir: resolveStudyPath(config.data), sourceLanguage: config.sourceLanguage,
    resultsFile: L.resultsFile, ...(config.save ? { save: L.savedDir } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...((options.queue ?? config.queue) !== undefined ? { queue: (options.queue ?? config.queue)! } : {}),
  }));

  // 5. Correlation (redone when the statistics or results are newer than its tables).
  let analysis: CorrelationAnalysis | undefined;
  const compute = (): CorrelationAnalysis => analyzeCorrelation(loadStats(L.statsFile), importResults(L.resultsFile), {
    metrics: config.correlation.metrics, predictors: config.correlation.predictors, targets: config.correlation.targets, bootstrap: config.correlation.bootstrap,
    seed: config.correlation.seed, tasks: config.tasks.map((t) => t.name), statsFile: L.statsFile, resultsFile: L.resultsFile,
  });
  await step('correlate', true, newer(L.correlationsFile, [L.statsFile, L.resultsFile]), 'metrics × tasks', async () => {
    analysis = compute();
    writeCorrelationTables(analysis, L.correlationDir, ['csv', 'json']);
  });

  // 6. Report.
  await step('report', true, newer(L.reportFile, [L.correlationsFile]), 'study report', async () => {
    analysis ??= compute();
    const notes = config.scale === 'demo' ? demoScaleNotes(config) : [];
    const report = buildStudyReport(analysis, {
      title: `Study ${config.name}: tokenization and the prompt-tuning gap`,
      provenance: {
        version: tokgapVersion(), date: new Date().toISOString(), command: options.command ?? `analyze study ${config.name}`,
        tokenizers: await tokenizerProvenance(tokenizerSpecs, { statsFile: L.statsFile }), corpus: { spec: config.corpus, size: `${languages.length} languages` }, languages,
      },
      notes: [...notes, ...(config.description ? [config.description] : [])],
      baselines: baselinePoints(readResults(L.resultsFile, { strict: true })),
    });
    await renderReport(report, L.reportDir, { name: 'study', svg: false });
  });
  return { plan, stages: actions, ...(analysis ? { analysis } : {}), report: L.reportFile };
}

/** What a demo-scale report says at the top: its scale, in numbers from the study file, and what that scale can and cannot show. */
export function demoScaleNotes(config: StudyConfig): string[] {
  const m = config.model;
  const b = config.budgets;
  const model = m.type === 'pretrain'
    ? `a ${m.layers}-layer, d_model ${m.dModel} XGLM-shaped model with its own ${m.tokenizer.vocabSize.toLocaleString('en')}-piece tokenizer, pretrained for ${m.steps} steps of ${m.batchSize} × ${m.seqLen} tokens on ${m.languages.length} languages`
    : `the model ${m.name ?? m.path}`;
  const tasks = config.tasks.map((t) => `${t.name.toUpperCase()} in ${t.languages.length} languages`).join(' and ');
  return [
    `DEMO SCALE: ${model} (minutes on a CPU), then ${tasks}, ${b.steps} tuning steps of batch ${b.batchSize} per cell on at most ${b.maxTrain ?? 'all'} training sentences, ${config.seeds.length} seed(s).`,
    'What it can show: that every stage runs end to end, and that each method learns each task in each language (compare each score with the baseline tick beside it: the majority tag for POS, the all-O F1 of 0 for NER).',
    'What it cannot show: anything about XGLM-564M or the seed paper\'s results, or whether prompt tuning trails or beats fine-tuning at scale. The model is hundreds of times smaller than XGLM-564M and its prompt tuning mostly trains the POS/NER head on frozen features, a handful of languages gives wide correlation intervals, and one or two seeds cannot tell a gap of a few points from seed noise.',
  ];
}

/** `flores:../x` → `flores:/abs/x`, so stages do not depend on the working directory. */
function resolveCorpus(spec: string): string {
  const i = spec.indexOf(':');
  if (i < 0) return spec;
  return `${spec.slice(0, i)}:${resolveStudyPath(spec.slice(i + 1))}`;
}
