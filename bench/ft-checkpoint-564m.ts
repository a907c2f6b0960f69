/**
 * A full-fine-tuning checkpoint of the XGLM-564M-shaped bench model (weights + AdamW moments, about
 * 6.8 GB: past Node's 4 GiB Buffer limit) writes through `train()`'s checkpointing and reads back
 * bit for bit:
 *
 *   npm run bench:make-564m        # once
 *   npm run bench:ft-checkpoint    # needs ~8 GB of free memory and ~7 GB of disk
 *
 * Loads the fp32 bench model, gives AdamW non-zero moments (m = p/2, v = p²), writes the checkpoint
 * with `train({ stopAtStep: 0, checkpointDir })`, then zeroes the parameters and moments of the same
 * model and restores them from disk with the loop's resume path. Compares a sha256 per tensor.
 */
import { createHash } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/tuning/backend.js';
import { FullFineTuningModel } from '../src/tuning/methods/full/model.js';
import { AdamW } from '../src/tuning/optim.js';
import { loadTrainingCheckpoint, train, type TrainOptions } from '../src/tuning/train.js';
import { XglmModel } from '../src/tuning/xglm/model.js';
import { xglm564mBenchDir, xglm564mBenchForms } from './xglm-564m.js';

const gb = (b: number): string => `${(b / 1e9).toFixed(2)} GB`;
const peak = (): number => process.resourceUsage().maxRSS * 1024;

function hashes(model: XglmModel, adam: AdamW): Map<string, string> {
  const out = new Map<string, string>();
  const put = (name: string, d: Float32Array | Int32Array): void => {
    out.set(name, createHash('sha256').update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex'));
  };
  for (const [n, v] of model.parameters) put(`param/${n}`, v.dataSync() as Float32Array);
  for (const [n, t] of adam.stateTensors()) put(`optim/${n}`, t.data);
  return out;
}

async function main(): Promise<void> {
  await initBackend('cpu');
  const dir = join(xglm564mBenchDir(), 'ft-checkpoint');
  rmSync(dir, { recursive: true, force: true });
  const model = XglmModel.fromPretrained(xglm564mBenchForms().safetensors);
  const ft = new FullFineTuningModel(model);
  const adam = new AdamW(ft.trainableParameters(), { lr: 1e-5 });
  // Non-zero moments, computed one tensor at a time.
  adam.loadStateTensors({
    get: (key: string) => {
      if (key === 'step') return { shape: [1], data: Int32Array.of(3) };
      const name = key.replace(/\.exp_avg(_sq)?$/, '');
      const p = model.param(name).dataSync() as Float32Array;
      return { shape: [...model.param(name).shape], data: key.endsWith('_sq') ? p.map((x) => x * x) : p.map((x) => x / 2) };
    },
  });
  const before = hashes(model, adam);
  console.log(`model + AdamW state in memory: ${model.numParameters()} parameters, peak RSS ${gb(peak())}`);

  const options: TrainOptions = { steps: 10, batchSize: 1, lr: 1e-5, seed: 1, checkpointDir: dir, stopAtStep: 0 };
  const problem = { trainable: ft.trainableParameters(), lengths: [1], loss: () => tf.scalar(0) };
  const t0 = performance.now();
  await train(problem, adam.toTrainOptimizer(), options);
  const writeS = (performance.now() - t0) / 1000;
  const files = readdirSync(dir);
  const bytes = files.reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  console.log(`wrote ${files.join(', ')}: ${gb(bytes)} in ${writeS.toFixed(1)} s (${(bytes / 1e6 / writeS).toFixed(0)} MB/s), peak RSS ${gb(peak())}`);

  // Forget everything, then resume from disk into the same variables.
  for (const v of model.parameters.values()) tf.tidy(() => v.assign(tf.zerosLike(v)));
  adam.loadStateTensors({ get: (key: string) => (key === 'step' ? { shape: [1], data: Int32Array.of(0) } : { shape: [...model.param(key.replace(/\.exp_avg(_sq)?$/, '')).shape], data: new Float32Array(model.param(key.replace(/\.exp_avg(_sq)?$/, '')).size) }) });
  const t1 = performance.now();
  const restored = loadTrainingCheckpoint(dir, options, problem.trainable, adam.toTrainOptimizer());
  const readS = (performance.now() - t1) / 1000;
  console.log(`read back in ${readS.toFixed(1)} s (${(bytes / 1e6 / readS).toFixed(0)} MB/s), step ${restored?.state.step}, peak RSS ${gb(peak())}`);
  const after = hashes(model, adam);
  const differ = [...before.keys()].filter((k) => before.get(k) !== after.get(k));
  console.log(differ.length === 0 ? `all ${before.size} tensors (parameters, exp_avg, exp_avg_sq, step) identical after the round trip` : `DIFFER: ${differ.slice(0, 5).join(', ')} (${differ.length})`);
  rmSync(dir, { recursive: true, force: true });
  if (differ.length) process.exitCode = 1;
}

await main();
