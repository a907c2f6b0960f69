/** Studies: declarative study files (`analyses/*.json`) and the orchestrator that runs them. */
export {
  StudyConfigSchema, TaskSchema, ModelSchema, BudgetsSchema, studyJsonSchema, TASK_NAMES, METHOD_NAMES, SETTING_NAMES,
} from './config.js';
export type { StudyConfig, StudyConfigInput, StudyTask, StudyModel, PretrainModel, StudyBudgets } from './config.js';
export { loadStudyConfig, parseStudyConfig } from './load-config.js';
export { planStudy, studyCells, studyLayout, cellKey, type StudyCell, type StudyPlan, type StagePlan, type StageName, type StudyLayout } from './plan.js';
export { runStudy, type RunStudyOptions, type StudyRunResult } from './run.js';
export { DEFAULT_STAGES, type StudyStages, type TrainTokenizerInput, type StatisticsInput, type PretrainInput, type TuneInput } from './stages.js';
export { StageUnavailableError, StageFailedError } from './errors.js';
export { estimateStudyTime, describeStudyTime, studySpeed, speedShapeOf, devEvaluations, DOCUMENTED_STEP_SPEEDS, type StudyTimeEstimate } from './estimate.js';
