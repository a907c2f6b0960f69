import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BadInputError } from '../../errors.js';
import type { CheckpointReader, LoadedTensor, StoredTensorInfo } from './types.js';
import { readWeightMap } from '../../hub/weight-files.js';

export { readWeightMap };

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
