/**
 * Where one training step's time goes, per tfjs kernel, at the bench shape of `bench/tuning.ts`:
 *
 *   node --import tsx bench/tuning-profile.ts [--mode finetune|prompt|forward] [--steps 2] [--matmul auto|openblas|xnnpack]
 *
 * Every kernel registered for the backend is wrapped with a process CPU-time timer (wasm kernels run
 * synchronously on this thread; CPU time, unlike wall time, does not count time the process waited
 * for a core on a shared machine). Prints CPU ms per kernel name and input shape, and the CPU spent
 * outside kernels (dispatch, tape, allocation, JS glue, GC).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice, type WasmMatMulChoice } from '../src/tuning/backend.js';
import { buildArmStep, type Mode } from './small-shape.js';


function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/**
 * Kernel families, by kernel name: which op of the model a kernel serves (Exp and Erf are GELU's at
 * this shape, where the loss's softmax is one Softmax kernel; Sub/Multiply/Add serve several ops and
 * stay under elementwise).
 */
const FAMILY: Record<string, string> = {
  BatchMatMul: 'matmul', _FusedMatMul: 'matmul',
  Transpose: 'layout and copies', Pack: 'layout and copies', Unpack: 'layout and copies', Concat: 'layout and copies', Slice: 'layout and copies',
  SplitV: 'layout and copies', Tile: 'layout and copies', Reshape: 'layout and copies', Identity: 'layout and copies', Cast: 'layout and copies',
  GatherV2: 'embedding', UnsortedSegmentSum: 'embedding',
  Softmax: 'softmax and loss', Max: 'softmax and loss', Log: 'softmax and loss', OneHot: 'softmax and loss',
  Mean: 'layernorm', Square: 'layernorm', Sqrt: 'layernorm', Rsqrt: 'layernorm',
  Erf: 'GELU', Exp: 'GELU',
};

const times = new Map<string, { ms: number; calls: number }>();
let on = false;

function wrapKernels(backend: string): void {
  for (const k of tf.getKernelsForBackend(backend)) {
    const inner = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, backend);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        if (!on) return inner(args);
        const c0 = process.cpuUsage();
        const out = inner(args);
        const c = process.cpuUsage(c0);
        const ms = (c.user + c.system) / 1e3;
        const shapes = Object.values(args.inputs).map((t) => `[${(t as tf.TensorInfo).shape}]`).join(' ');
        const key = `${k.kernelName} ${shapes}`;
        const e = times.get(key) ?? { ms: 0, calls: 0 };
        e.ms += ms;
        e.calls++;
        times.set(key, e);
        return out;
      },
    });
  }
}

async function main(): Promise<void> {
  const mode = arg('mode', 'finetune');
  const steps = Number(arg('steps', '2'));
  const info = await initBackend(arg('backend', 'wasm') as BackendChoice, { matmul: arg('matmul', 'auto') as WasmMatMulChoice });
  wrapKernels(info.name);
  const step = buildArmStep(mode as Mode);
  step();
  on = true;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const wall = (performance.now() - t0) / steps;
  const c = process.cpuUsage(c0);
  on = false;
  const rows = [...times].map(([k, v]) => ({ k, ms: v.ms / steps, calls: v.calls / steps })).sort((a, b) => b.ms - a.ms);
  const inKernels = rows.reduce((a, r) => a + r.ms, 0);
  const byName = new Map<string, number>();
  for (const r of rows) byName.set(r.k.split(' ')[0], (byName.get(r.k.split(' ')[0]) ?? 0) + r.ms);
  const cpu = (c.user + c.system) / 1e3 / steps;
  console.log(`backend ${info.label}${info.device ? ` (${info.device})` : ''}`);
  console.log(`${mode}: ${wall.toFixed(0)} ms/step wall, ${cpu.toFixed(0)} ms CPU; CPU in kernels ${inKernels.toFixed(0)} ms, outside ${(cpu - inKernels).toFixed(0)} ms`);
  const families = new Map<string, number>();
  for (const [k, ms] of byName) families.set(FAMILY[k] ?? 'other elementwise', (families.get(FAMILY[k] ?? 'other elementwise') ?? 0) + ms);
  families.set('outside kernels (dispatch, tape, allocation, GC)', cpu - inKernels);
  console.log('by family (CPU ms per step, share):');
  for (const [f, ms] of [...families].sort((a, b) => b[1] - a[1])) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${((100 * ms) / cpu).toFixed(0).padStart(3)}%  ${f}`);
  console.log('by kernel (CPU ms per step):');
  for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
  console.log('by kernel and shape:');
  for (const r of rows.slice(0, Number(arg('top', '40')))) console.log(`  ${r.ms.toFixed(1).padStart(8)} ms  ${String(r.calls).padStart(4)}×  ${r.k}`);
}

await main();
