import * as tf from '@tensorflow/tfjs';
import { CheckpointMismatchError } from './xglm/errors.js';
import type { TensorToWrite } from './safetensors/write.js';
import type { SafeTensor } from './safetensors/types.js';

export interface AdamWOptions {
  /** Learning rate; `step(grads, lr)` overrides it per step (schedules). */
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight decay (torch's default 0.01). */
  weightDecay?: number;
  /** Clip gradients to this global L2 norm first (torch's `clip_grad_norm_`); off when undefined. */
  maxGradNorm?: number;
  /** Parameters exempt from weight decay, e.g. biases and LayerNorm weights. */
  noDecay?: (name: string) => boolean;
}

export interface StepResult {
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Learning rate used. */
  lr: number;
}

/** Gradients for each parameter, keyed by tf variable name (what `tf.variableGrads` returns). */
export type Gradients = tf.NamedTensorMap;

/**
 * Scale gradients so their global L2 norm is at most `maxNorm`, as torch's `clip_grad_norm_`
 * (coefficient `maxNorm / (norm + 1e-6)`, applied only when below 1). Returns new tensors and the norm.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: number } {
  const norm = globalNorm(grads);
  const coef = maxNorm / (norm + 1e-6);
  if (coef >= 1) return { grads: grads.map((g) => tf.clone(g)), norm };
  return { grads: grads.map((g) => tf.mul(g, coef)), norm };
}

/** L2 norm over all tensors together. */
export function globalNorm(grads: tf.Tensor[]): number {
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))).dataSync()[0]);
}

/**
 * AdamW with decoupled weight decay, step for step as `torch.optim.AdamW`:
 * `p ← p·(1 − lr·wd)`, then the bias-corrected Adam update `p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)`.
 * tfjs's own `adam` has no decoupled decay.
 */
export class AdamW {
  options: Required<Omit<AdamWOptions, 'maxGradNorm' | 'noDecay'>> & Pick<AdamWOptions, 'maxGradNorm' | 'noDecay'>;
  private readonly params: Map<string, tf.Variable>;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  private t = 0;
  /** The step as a tensor for `getState`, one variable updated in place (a new scalar per call leaked). */
  private stepTensor?: tf.Variable;

  /** `params`: name → variable, e.g. `model.parameters` or `{ prompt_embeddings: … }`. */
  constructor(params: Map<string, tf.Variable>, options: AdamWOptions) {
    this.params = new Map(params);
    this.options = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, ...options };
    for (const [name, p] of this.params) {
      // tf.variable takes its own reference: the zeros it was built from must be freed here.
      for (const moments of [this.m, this.v]) {
        const zeros = tf.zerosLike(p);
        moments.set(name, tf.variable(zeros, false));
        zeros.dispose();
      }
    }
  }

  /** Steps taken so far (torch's `state['step']`). */
  get stepCount(): number {
    return this.t;
  }

  /** Apply one update. Parameters without a gradient are left alone (as torch skips `grad is None`). */
  step(grads: Gradients, lr = this.options.lr): StepResult {
    const names = [...this.params.keys()].filter((n) => grads[this.params.get(n)!.name] !== undefined);
    let list = names.map((n) => grads[this.params.get(n)!.name]);
    let gradNorm = NaN;
    let clipped: tf.Tensor[] | undefined;
    if (this.options.maxGradNorm !== undefined) {
      const c = clipByGlobalNorm(list, this.options.maxGradNorm);
      gradNorm = c.norm;
      clipped = c.grads;
      list = c.grads;
    } else {
      gradNorm = globalNorm(list);
    }
    this.t += 1;
    const { beta1, beta2, eps, weightDecay } = this.options;
    const bc1 = 1 - beta1 ** this.t;
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    tf.tidy(() => {
      names.forEach((name, i) => {
        const p = this.params.get(name)!;
        const g = list[i];
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        const decay = this.options.noDecay?.(name) ? 0 : weightDecay;
        const decayed = decay !== 0 ? tf.mul(p, 1 - lr * decay) : p;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denom = tf.add(tf.div(tf.sqrt(v), bc2Sqrt), eps);
        p.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), lr / bc1)));
      });
    });
    if (clipped) tf.dispose(clipped);
    return { gradNorm, lr };
  }

  /** Optimiser state as named tensors (`<param>.exp_avg`, `<param>.exp_avg_sq`, `step`) for checkpoints. */
  stateTensors(): Map<string, TensorToWrite> {
    const out = new Map<string, TensorToWrite>();
    for (const [name, m] of this.m) {
      out.set(`${name}.exp_avg`, { shape: m.shape, data: m.dataSync() as Float32Array });
      out.set(`${name}.exp_avg_sq`, { shape: this.v.get(name)!.shape, data: this.v.get(name)!.dataSync() as Float32Array });
    }
    out.set('step', { shape: [1], data: Int32Array.of(this.t) });
    return out;
  }

  /**
   * Restore what `stateTensors` wrote (e.g. read back with `loadSafetensors`). Only `get` is used, so
   * a lookup that reads each tensor from disk when asked keeps one tensor in memory at a time.
   */
  loadStateTensors(tensors: Pick<ReadonlyMap<string, SafeTensor | TensorToWrite>, 'get'>, file = '<optimizer state>'): void {
    for (const [name, m] of this.m) {
      for (const [suffix, target] of [['exp_avg', m], ['exp_avg_sq', this.v.get(name)!]] as const) {
        const t = tensors.get(`${name}.${suffix}`);
        if (t === undefined || t.data.length !== target.size) {
          throw new CheckpointMismatchError(`optimizer state lacks ${name}.${suffix} or has the wrong size`, { file, field: `${name}.${suffix}`, expected: `${target.size} values` });
        }
        const value = tf.tensor(t.data instanceof Float32Array ? t.data : Float32Array.from(t.data), target.shape);
        target.assign(value);
        value.dispose();
      }
    }
    const step = tensors.get('step');
    if (step === undefined) throw new CheckpointMismatchError('optimizer state lacks step', { file, field: 'step' });
    this.t = step.data[0];
  }

  /**
   * The shape `train()` takes (`TrainOptimizer` in `train.ts`): step over parallel variable and
   * gradient lists (clipping is the loop's job there), state as named tensors.
   */
  toTrainOptimizer(): {
    step(vars: readonly tf.Variable[], grads: readonly tf.Tensor[], lr: number): void;
    getState(): Map<string, tf.Tensor>;
    setState(state: Map<string, tf.Tensor>): void;
    setStateFrom(read: (name: string) => SafeTensor | undefined, file?: string): void;
  } {
    return {
      step: (vars, grads, lr) => {
        const named: Gradients = {};
        vars.forEach((v, i) => (named[v.name] = grads[i]));
        const saved = this.options.maxGradNorm;
        this.options.maxGradNorm = undefined;
        try {
          this.step(named, lr);
        } finally {
          this.options.maxGradNorm = saved;
        }
      },
      getState: () => {
        const out = new Map<string, tf.Tensor>();
        for (const [name, m] of this.m) {
          out.set(`${name}.exp_avg`, m);
          out.set(`${name}.exp_avg_sq`, this.v.get(name)!);
        }
        out.set('step', this._stepTensor());
        return out;
      },
      setState: (state) => {
        const plain = new Map<string, TensorToWrite>();
        for (const [k, t] of state) plain.set(k, { shape: t.shape, data: t.dataSync() as Float32Array | Int32Array });
        this.loadStateTensors(plain);
      },
      setStateFrom: (read, file) => this.loadStateTensors({ get: read }, file),
    };
  }

  private _stepTensor(): tf.Variable {
    const value = tf.scalar(this.t, 'int32');
    if (this.stepTensor === undefined) this.stepTensor = tf.variable(value, false);
    else this.stepTensor.assign(value);
    value.dispose();
    return this.stepTensor;
  }

  dispose(): void {
    for (const x of [...this.m.values(), ...this.v.values()]) x.dispose();
    this.stepTensor?.dispose();
    this.stepTensor = undefined;
  }
}
