import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BadInputError } from '../../errors.js';
import type { CheckpointReader, LoadedTensor, StoredTensorInfo } from './types.js';

/**
 * Open a sharded checkpoint through its index (`model.safetensors.index.json` or
 * `pytorch_model.bin.index.json`: `{"metadata": {...}, "weight_map": {tensor: shard file}}`).
 * Every shard the index names must exist and hold the tensors it is said to hold; this is checked
 * before any tensor is read.
 */
export function openShardedCheckpoint(indexFile: string, openShard: (file: string) => CheckpointReader): CheckpointReader {
  const weightMap = readWeightMap(indexFile);
  const dir = dirname(indexFile);
  const shardNames = [...new Set(weightMap.values())];
  for (const shard of shardNames) {
    const path = join(dir, shard);
    if (!existsSync(path)) {
      const tensor = [...weightMap].find(([, s]) => s === shard)![0];
      throw new BadInputError(`the index names shard ${shard}, which is missing`, {
        file: indexFile,
        field: `weight_map.${tensor}`,
        expected: `a file ${path}`,
      });
    }
  }
  const readers = new Map<string, CheckpointReader>();
  const closeAll = (): void => readers.forEach((r) => r.close());
  try {
    for (const shard of shardNames) readers.set(shard, openShard(join(dir, shard)));
    for (const [tensor, shard] of weightMap) {
      if (readers.get(shard)!.info(tensor) === undefined) {
        throw new BadInputError(`shard ${shard} does not hold tensor ${tensor}, which the index puts there`, {
          file: join(dir, shard),
          field: tensor,
          expected: `the tensors ${indexFile} maps to it`,
        });
      }
    }
  } catch (error) {
    closeAll();
    throw error;
  }
  const readerOf = (name: string): CheckpointReader | undefined => {
    const shard = weightMap.get(name);
    return shard === undefined ? undefined : readers.get(shard);
  };
  return {
    files: shardNames.map((s) => join(dir, s)),
    names: () => [...weightMap.keys()],
    info: (name): StoredTensorInfo | undefined => readerOf(name)?.info(name),
    read: (name): LoadedTensor => {
      const r = readerOf(name);
      if (r === undefined) throw new BadInputError(`no tensor ${name} in the index`, { file: indexFile, field: name });
      return r.read(name);
    },
    close: closeAll,
  };
}

/** The index's `weight_map`, checked: tensor name → shard file name (a plain name in the same folder). */
export function readWeightMap(indexFile: string): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(indexFile, 'utf8'));
  } catch (cause) {
    throw new BadInputError('cannot read the checkpoint index (missing or not JSON)', { file: indexFile, cause });
  }
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
