/** Step 3 of a grid run: AdamW for what the method trains and, apart, for the task head. */
import type * as tf from '@tensorflow/tfjs';
import { AdamW } from '../optim.js';
import type { TrainOptimizer } from '../train.js';

interface ParamGroup {
  prefix: string;
  params: Map<string, tf.Variable>;
  optimizer: AdamW;
  /** Multiplies the scheduled rate. */
  scale: number;
}

/** Several AdamW parameter groups behind one `TrainOptimizer`, each at `scale` × the scheduled rate. */
function _groupedOptimizer(groups: readonly ParamGroup[]): TrainOptimizer {
  const parts = groups.map((g) => ({ ...g, inner: g.optimizer.toTrainOptimizer(), owned: new Set<tf.Variable>(g.params.values()) }));
  return {
    step(vars, grads, lr) {
      for (const p of parts) {
        const at = vars.map((v, i) => (p.owned.has(v) ? i : -1)).filter((i) => i >= 0);
        if (at.length) p.inner.step(at.map((i) => vars[i]!), at.map((i) => grads[i]!), lr * p.scale);
      }
    },
    getState() {
      const out = new Map<string, tf.Tensor>();
      for (const p of parts) for (const [k, t] of p.inner.getState()) out.set(`${p.prefix}${k}`, t);
      return out;
    },
    setState(state) {
      for (const p of parts) {
        p.inner.setState(new Map([...state].filter(([k]) => k.startsWith(p.prefix)).map(([k, t]) => [k.slice(p.prefix.length), t])));
      }
    },
  };
}

const noDecay = (n: string): boolean => n.endsWith('bias') || n.includes('layer_norm');

/**
 * The run's optimiser: the method's parameters at `lr`, a fresh head at `headLr` (fine-tuning's 1e-4
 * would leave it near its init); the schedule scales both groups alike. Checkpoints keep the groups
 * apart under `model.` and `head.`.
 */
export function buildRunOptimizer(trainable: Map<string, tf.Variable>, head: Map<string, tf.Variable> | undefined, lr: number, headLr: number): { optimizer: TrainOptimizer; dispose(): void } {
  const groups: ParamGroup[] = [{ prefix: 'model.', params: trainable, optimizer: new AdamW(trainable, { lr, noDecay }), scale: 1 }];
  if (head) groups.push({ prefix: 'head.', params: head, optimizer: new AdamW(head, { lr, noDecay }), scale: headLr / lr });
  return { optimizer: _groupedOptimizer(groups), dispose: () => groups.forEach((g) => g.optimizer.dispose()) };
}
