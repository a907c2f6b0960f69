import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingWeightsError } from './errors.js';
import { openSafetensors } from '../safetensors/read.js';
import { openShardedCheckpoint } from './sharded.js';
import { openTorchCheckpoint } from './torch/read.js';
import type { CheckpointReader } from './types.js';

/** The weight files of an HF model folder, in the order transformers prefers them. */
export const CHECKPOINT_FILES = {
  safetensors: 'model.safetensors',
  'safetensors-sharded': 'model.safetensors.index.json',
  torch: 'pytorch_model.bin',
  'torch-sharded': 'pytorch_model.bin.index.json',
} as const;

export type CheckpointForm = keyof typeof CHECKPOINT_FILES;

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
