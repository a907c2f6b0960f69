/**
 * Training speed of our tfjs XGLM against PyTorch CPU, same model shape, same run:
 *
 *   npm run bench:tuning [-- --backend wasm --matmul openblas,xnnpack --steps 3 --warmup 1 --repeats 3 --no-torch | --no-torch1 | --no-torch2]
 *   npm run bench:tuning -- --shape xglm-564m [--steps 3 --warmup 1 --profile --parallel --arms forward,pt-pos,pt-xnli]
 *
 * `--shape xglm-564m` (see xglm564mArms below) runs the 564M shape: forward with verbaliser
 * scoring, a prompt-tuning step with the POS head and one with the XNLI verbaliser loss, each arm
 * in its own process one after the other (the model alone is 2.3 GB), then the same in PyTorch.
 *
 * Shape: vocab 8000, d 256, 4 layers, 4 heads, ffn 1024, batch 8 × 128 tokens; prompt tuning with
 * 20 virtual tokens. PyTorch (bench/torch_reference.py, 2 threads) runs first; then our forward in
 * one process, then our full-fine-tuning and prompt-tuning arms in two processes at once (wasm uses
 * one core per process, so two arms use both cores). Prints tokens/s (input tokens) and the ratios:
the median of `--repeats` timed repetitions of `--steps` steps per arm, with every repetition's
figures. PyTorch runs on OpenBLAS's OpenMP build (the pthread build is 2-3× slower) and the bench
prints the BLAS it mapped. It also runs PyTorch on one thread (`--no-torch1` skips it): on a loaded
 * machine OpenMP's barrier spinning inflates the 2-thread CPU time, the 1-thread run's does not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice, type WasmMatMulChoice } from '../src/tuning/backend.js';
import { SHAPE, buildArmStep, type Mode } from './small-shape.js';
import { sharedCoresEnv } from '../src/tuning/backend/blas.js';
import { xglm564mArms, runXglm564mBench } from './tuning-564m.js';

interface ArmResult {
  mode: Mode;
  backend: string;
  step_s: number;
  tokens_per_s: number;
  /** Tokens per CPU-second of this process: steadier than wall time on a shared machine. */
  tokens_per_cpu_s: number;
  /** Every timed repetition; the fields above are their medians. */
  runs?: { tokens_per_s: number; tokens_per_cpu_s: number }[];
}

/** Debian's OpenMP OpenBLAS, put first on the loader path for the PyTorch reference. */
const OPENBLAS_OPENMP = '/usr/lib/x86_64-linux-gnu/openblas-openmp';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function spread(runs: { tokens_per_s: number; tokens_per_cpu_s: number }[] | undefined): string {
  if (!runs || runs.length < 2) return '';
  const r = (k: 'tokens_per_s' | 'tokens_per_cpu_s'): string => `${Math.min(...runs.map((x) => x[k])).toFixed(0)}–${Math.max(...runs.map((x) => x[k])).toFixed(0)}`;
  return `   (runs: wall ${r('tokens_per_s')}, CPU ${r('tokens_per_cpu_s')})`;
}


function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** One arm, in this process: build the model, warm up, time `steps` steps. */
async function runArm(mode: Mode, backend: BackendChoice, steps: number, warmup: number, repeats = 1, matmul: WasmMatMulChoice = 'auto'): Promise<ArmResult> {
  const info = await initBackend(backend, { matmul });
  const step = buildArmStep(mode as Mode);
  for (let i = 0; i < warmup; i++) step();
  const tokens = SHAPE.batch * SHAPE.seq;
  const runs: { step_s: number; tokens_per_s: number; tokens_per_cpu_s: number }[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    const stepS = (performance.now() - t0) / 1000 / steps;
    const c = process.cpuUsage(c0);
    const cpuS = (c.user + c.system) / 1e6 / steps;
    runs.push({ step_s: stepS, tokens_per_s: tokens / stepS, tokens_per_cpu_s: tokens / cpuS });
  }
  const med = (k: 'step_s' | 'tokens_per_s' | 'tokens_per_cpu_s'): number => median(runs.map((x) => x[k]));
  return { mode, backend: info.label, step_s: med('step_s'), tokens_per_s: med('tokens_per_s'), tokens_per_cpu_s: med('tokens_per_cpu_s'), runs };
}

/** Run arms in child processes at the same time; each prints one JSON line. */
function runChildren(modes: Mode[], backend: string, steps: number, warmup: number, repeats = 1, matmul = 'auto'): Promise<ArmResult[]> {
  const self = fileURLToPath(import.meta.url);
  return Promise.all(
    modes.map(
      (mode) =>
        new Promise<ArmResult>((resolve, reject) => {
          const child = spawn(process.execPath, [...process.execArgv, self, '--arm', mode, '--backend', backend, '--steps', String(steps), '--warmup', String(warmup), '--repeats', String(repeats), '--matmul', matmul], {
            stdio: ['ignore', 'pipe', 'inherit'],
            // The arms run at once, one per core, against the 1-thread PyTorch reference.
            env: sharedCoresEnv(modes.length),
          });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) => {
            const line = out.split('\n').find((l) => l.startsWith('{'));
            if (code !== 0 || line === undefined) reject(new Error(`arm ${mode} failed (exit ${code}): ${out}`));
            else resolve(JSON.parse(line) as ArmResult);
          });
        }),
    ),
  );
}

type TorchArm = { tokens_per_s: number; tokens_per_cpu_s: number; runs?: { tokens_per_s: number; tokens_per_cpu_s: number }[] };
function torchReference(steps: number, warmup: number, repeats = 1, threads = 2): Record<Mode, TorchArm> & { torch: string; threads: number; blas?: string[] } {
  const script = fileURLToPath(new URL('./torch_reference.py', import.meta.url));
  const args = [script, '--threads', String(threads), '--steps', String(steps), '--warmup', String(warmup), '--repeats', String(repeats)];
  for (const [k, v] of Object.entries(SHAPE)) args.push(`--${k}`, String(v));
  const r = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads), LD_LIBRARY_PATH: [OPENBLAS_OPENMP, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } });
  if (r.status !== 0) throw new Error(`torch reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
}

async function main(): Promise<void> {
  const backend = arg('backend', 'wasm');
  const steps = Number(arg('steps', '3'));
  const warmup = Number(arg('warmup', '1'));
  const repeats = Number(arg('repeats', '3'));
  const arm = arg('arm', '');
  if (arg('shape', 'small') === 'xglm-564m') {
    await (arm ? xglm564mArms(arm, backend as BackendChoice, steps, warmup, process.argv.includes('--profile')) : runXglm564mBench(backend, steps, warmup, process.argv));
    return;
  }
  if (arm) {
    console.log(JSON.stringify(await runArm(arm as Mode, backend as BackendChoice, steps, warmup, repeats, arg('matmul', 'auto') as WasmMatMulChoice)));
    return;
  }
  console.log(`shape ${JSON.stringify(SHAPE)}; machine: ${(await import('node:os')).cpus().length} cores, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  // `--no-torch2`: only the 1-thread reference (on a loaded machine the 2-thread one spins at its barriers for long).
  const torch = process.argv.includes('--no-torch') || process.argv.includes('--no-torch2') ? undefined : torchReference(Math.max(steps, 3), warmup, repeats);
  if (torch) {
    console.log(`PyTorch ${torch.torch} CPU, ${torch.threads} threads, BLAS ${(torch.blas ?? []).join(', ') || 'none mapped'} (tokens/s wall | per CPU-second, median of ${repeats}):`);
    for (const m of ['forward', 'finetune', 'prompt'] as const) {
      console.log(`  ${m.padEnd(8)} ${torch[m].tokens_per_s.toFixed(0).padStart(7)} | ${torch[m].tokens_per_cpu_s.toFixed(0).padStart(7)}${spread(torch[m].runs)}`);
    }
  }
  // On a loaded machine two OpenMP threads spin at their barriers while the other waits for a core,
  // which inflates PyTorch's CPU time; one thread has no barriers, so its CPU-seconds stay honest.
  const torch1 = !process.argv.includes('--no-torch') && !process.argv.includes('--no-torch1') ? torchReference(Math.max(steps, 3), warmup, repeats, 1) : undefined;
  if (torch1) {
    console.log(`PyTorch, 1 thread (tokens/s wall | per CPU-second, median of ${repeats}):`);
    for (const m of ['forward', 'finetune', 'prompt'] as const) {
      console.log(`  ${m.padEnd(8)} ${torch1[m].tokens_per_s.toFixed(0).padStart(7)} | ${torch1[m].tokens_per_cpu_s.toFixed(0).padStart(7)}${spread(torch1[m].runs)}`);
    }
  }
  // `--matmul openblas,xnnpack`: each wasm matmul engine in turn, in the same run.
  const engines = arg('matmul', 'auto').split(',');
  const rows: ArmResult[] = [];
  let ft: ArmResult | undefined;
  let pt: ArmResult | undefined;
  for (const engine of engines) {
    const [fwd] = await runChildren(['forward'], backend, steps, warmup, repeats, engine);
    [ft, pt] = await runChildren(['finetune', 'prompt'], backend, steps, warmup, repeats, engine);
    const set = [fwd!, ft!, pt!];
    rows.push(...set);
    console.log(`tfjs-${fwd!.backend}, one process per arm, FT and PT at the same time (tokens/s wall | per CPU-second; ratio to PyTorch wall | CPU); load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}:`);
    for (const r of set) {
      const ref = torch?.[r.mode];
      const ref1 = torch1?.[r.mode];
      const vs1 = ref1 ? `CPU vs 1 thread ${(r.tokens_per_cpu_s / ref1.tokens_per_cpu_s).toFixed(2)}×` : '';
      const ratio = ref ? `   ${(r.tokens_per_s / ref.tokens_per_s).toFixed(2)}× | ${(r.tokens_per_cpu_s / ref.tokens_per_cpu_s).toFixed(2)}×${vs1 ? `; ${vs1}` : ''}` : vs1 ? `   ${vs1}` : '';
      console.log(`  ${r.mode.padEnd(8)} ${r.tokens_per_s.toFixed(0).padStart(7)} | ${r.tokens_per_cpu_s.toFixed(0).padStart(7)}${ratio}${spread(r.runs)}`);
    }
  }
  console.log(`load after: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (torch && ft && pt) console.log(`  FT+PT together ${(ft.tokens_per_s + pt.tokens_per_s).toFixed(0)} tokens/s vs PyTorch one arm at a time`);
  console.log(JSON.stringify({ shape: SHAPE, torch, ...(torch1 ? { torch_1_thread: torch1 } : {}), tfjs: rows }));
}

await main();
