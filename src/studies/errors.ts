/** Errors of the study orchestrator. */
import { TokgapError } from '../errors.js';

/** A stage's library function is not available (yet) in this build: the study stops there, resumable. */
export class StageUnavailableError extends TokgapError {
  readonly stage: string;
  constructor(stage: string, detail: string) {
    super('STAGE_UNAVAILABLE', `study stage "${stage}" cannot run: ${detail}`, {
      field: stage,
      expected: 'the stage function wired in src/studies/stages.ts (or pass your own through runStudy({ stages }))',
    });
    this.name = 'TokgapError';
    this.stage = stage;
  }
}

/** An external step (spm_train, …) failed. */
export class StageFailedError extends TokgapError {
  constructor(stage: string, detail: string, cause?: unknown) {
    super('STAGE_FAILED', `study stage "${stage}" failed: ${detail}`, { field: stage, cause });
    this.name = 'TokgapError';
  }
}
