/**
 * Measured training speed per model shape, written by `npm run bench:tuning` into the cache and read
 * by a study's `--dry-run` to estimate its wall time. No tfjs here: the dry run stays light.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir } from '../datasets/cache.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** One shape's measured step speed: input tokens per second of wall time, per kind of step. */
export interface StepSpeed {
  backend: string;
  /** Prompt-tuning step with the POS/NER linear head. */
  promptHeadTokensPerS: number;
  /** Prompt-tuning step with the verbaliser LM loss (XNLI, PAWS-X). */
  promptLmTokensPerS?: number;
  /** Forward with verbaliser scoring (evaluation). */
  forwardTokensPerS?: number;
  batchSize: number;
  seqLen: number;
  /** OpenBLAS threads of the measuring process (absent: 1). */
  threads?: number;
  /** ISO time of the measurement. */
  measuredAt: string;
}

/** `$TOKGAP_CACHE/bench/tuning-speed.json`: shape name → its last measurement. */
export function speedRecordFile(cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, 'bench', 'tuning-speed.json');
}

export function readStepSpeeds(file: string = speedRecordFile()): Record<string, StepSpeed> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, StepSpeed>;
  } catch {
    return {}; // a damaged record only costs the estimate its measured figure
  }
}

/** Replace one shape's record (atomic write; other shapes kept). */
export function recordStepSpeed(shape: string, speed: StepSpeed, file: string = speedRecordFile()): void {
  writeFileAtomic(file, `${JSON.stringify({ ...readStepSpeeds(file), [shape]: speed }, null, 2)}\n`);
}
