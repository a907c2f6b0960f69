/**
 * The weight files of an HF model folder: their names and the shard index. The hub needs them to
 * know what to download; the checkpoint readers (tuning/checkpoint) open them.
 */
import { readJsonFile } from '../util/json-file.js';
import { BadInputError } from '../errors.js';

/** The weight files of an HF model folder, in the order transformers prefers them. */
export const CHECKPOINT_FILES = {
  safetensors: 'model.safetensors',
  'safetensors-sharded': 'model.safetensors.index.json',
  torch: 'pytorch_model.bin',
  'torch-sharded': 'pytorch_model.bin.index.json',
} as const;

export type CheckpointForm = keyof typeof CHECKPOINT_FILES;

/** The index's `weight_map`, checked: tensor name → shard file name (a plain name in the same folder). */
export function readWeightMap(indexFile: string): Map<string, string> {
  const data = readJsonFile(indexFile, 'checkpoint index');
  const map = (data as { weight_map?: unknown } | null)?.weight_map;
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new BadInputError('checkpoint index has no weight_map object', { file: indexFile, field: 'weight_map', expected: '{"weight_map": {tensor: shard file}}' });
  }
  const out = new Map<string, string>();
  for (const [tensor, shard] of Object.entries(map)) {
    if (typeof shard !== 'string' || shard === '' || shard.includes('/') || shard.includes('\\') || shard.startsWith('.')) {
      throw new BadInputError(`weight_map entry for ${tensor} is not a shard file name`, { file: indexFile, field: `weight_map.${tensor}`, expected: 'a file name in the same folder' });
    }
    out.set(tensor, shard);
  }
  return out;
}
