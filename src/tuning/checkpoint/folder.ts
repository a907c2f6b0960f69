import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingWeightsError } from './errors.js';
import { openSafetensors } from '../safetensors/read.js';
import { openShardedCheckpoint } from './sharded.js';
import { openTorchCheckpoint } from './torch/read.js';
import type { CheckpointReader } from './types.js';
import { CHECKPOINT_FILES, type CheckpointForm } from '../../hub/weight-files.js';

export { CHECKPOINT_FILES, type CheckpointForm };


/** Which form a folder holds: safetensors single > safetensors index > .bin single > .bin index. */
export function detectCheckpointForm(dir: string): { form: CheckpointForm; file: string } {
  for (const [form, name] of Object.entries(CHECKPOINT_FILES) as [CheckpointForm, string][]) {
    const file = join(dir, name);
    if (existsSync(file)) return { form, file };
  }
  throw new MissingWeightsError('no model weights in the folder', {
    file: dir,
    expected: `one of ${Object.values(CHECKPOINT_FILES).join(', ')}`,
  });
}

/** Open whichever weights a model folder holds, for reading tensor by tensor. */
export function openCheckpointFolder(dir: string): CheckpointReader & { form: CheckpointForm; source: string } {
  const { form, file } = detectCheckpointForm(dir);
  const reader =
    form === 'safetensors' ? openSafetensors(file)
    : form === 'safetensors-sharded' ? openShardedCheckpoint(file, openSafetensors)
    : form === 'torch' ? openTorchCheckpoint(file)
    : openShardedCheckpoint(file, openTorchCheckpoint);
  return Object.assign(reader, { form, source: file });
}
