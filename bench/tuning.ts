/**
 * Training speed of our tfjs XGLM against PyTorch CPU, same model shape, same run:
 *
 *   npm run bench:tuning [-- --backend wasm --steps 3 --warmup 1 --no-torch]
 *   npm run bench:tuning -- --shape xglm-564m [--steps 3 --warmup 1 --profile --study]
 *
 * `--shape xglm-564m` (see xglm564mArms below) runs the 564M shape: forward with verbaliser
 * scoring, a prompt-tuning step with the POS head and one with the XNLI verbaliser loss, each arm
 * in its own process one after the other (the model alone is 2.3 GB), then the same in PyTorch.
 *
 * Shape: vocab 8000, d 256, 4 layers, 4 heads, ffn 1024, batch 8 × 128 tokens; prompt tuning with
 * 20 virtual tokens. PyTorch (bench/torch_reference.py, 2 threads) runs first; then our forward in
 * one process, then our full-fine-tuning and prompt-tuning arms in two processes at once (wasm uses
 * one core per process, so two arms use both cores). Prints tokens/s (input tokens) and the ratios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice } from '../src/tuning/backend.js';
import { PromptTuningModel } from '../src/tuning/methods/prompt-tuning/model.js';
import { AdamW } from '../src/tuning/optim.js';
import { parseXglmConfig } from '../src/tuning/xglm/config.js';
import { XglmModel, causalLmLoss } from '../src/tuning/xglm/model.js';
import { xglm564mArms, runXglm564mBench } from './tuning-564m.js';

type Mode = 'forward' | 'finetune' | 'prompt';
interface ArmResult {
  mode: Mode;
  backend: string;
  step_s: number;
  tokens_per_s: number;
  /** Tokens per CPU-second of this process: steadier than wall time on a shared machine. */
  tokens_per_cpu_s: number;
}

const SHAPE = { vocab: 8000, d: 256, layers: 4, heads: 4, ffn: 1024, batch: 8, seq: 128, virtual: 20 };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** One arm, in this process: build the model, warm up, time `steps` steps. */
async function runArm(mode: Mode, backend: BackendChoice, steps: number, warmup: number): Promise<ArmResult> {
  const info = await initBackend(backend);
  const config = parseXglmConfig({
    vocab_size: SHAPE.vocab, d_model: SHAPE.d, num_layers: SHAPE.layers, attention_heads: SHAPE.heads, ffn_dim: SHAPE.ffn,
    max_position_embeddings: 2048, dropout: 0, attention_dropout: 0,
  });
  const model = XglmModel.random(config, 0);
  const ids = tf.randomUniform([SHAPE.batch, SHAPE.seq], 4, SHAPE.vocab, 'int32', 1) as tf.Tensor2D;
  let step: () => void;
  if (mode === 'forward') {
    step = () => tf.tidy(() => void model.forward({ inputIds: ids }).logits.dataSync());
  } else if (mode === 'finetune') {
    const opt = new AdamW(model.parameters, { lr: 1e-4, maxGradNorm: 1 });
    step = () => {
      const { value, grads } = tf.variableGrads(() => causalLmLoss(model.forward({ inputIds: ids }).logits, ids), model.variables());
      opt.step(grads);
      tf.dispose([value, grads]);
    };
  } else {
    const pt = new PromptTuningModel(model, { num_virtual_tokens: SHAPE.virtual }, { seed: 2 });
    const labels = pt.extendLabels(ids);
    const opt = new AdamW(pt.trainableParameters(), { lr: 1e-3, maxGradNorm: 1 });
    step = () => {
      const { value, grads } = tf.variableGrads(() => causalLmLoss(pt.forward({ inputIds: ids }).logits, labels), pt.trainableVariables());
      opt.step(grads);
      tf.dispose([value, grads]);
    };
  }
  for (let i = 0; i < warmup; i++) step();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const stepS = (performance.now() - t0) / 1000 / steps;
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6 / steps;
  const tokens = SHAPE.batch * SHAPE.seq;
  return { mode, backend: info.name, step_s: stepS, tokens_per_s: tokens / stepS, tokens_per_cpu_s: tokens / cpuS };
}

/** Run arms in child processes at the same time; each prints one JSON line. */
function runChildren(modes: Mode[], backend: string, steps: number, warmup: number): Promise<ArmResult[]> {
  const self = fileURLToPath(import.meta.url);
  return Promise.all(
    modes.map(
      (mode) =>
        new Promise<ArmResult>((resolve, reject) => {
          const child = spawn(process.execPath, [...process.execArgv, self, '--arm', mode, '--backend', backend, '--steps', String(steps), '--warmup', String(warmup)], {
            stdio: ['ignore', 'pipe', 'inherit'],
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

function torchReference(steps: number, warmup: number): Record<Mode, { tokens_per_s: number; tokens_per_cpu_s: number }> & { torch: string; threads: number } {
  const script = fileURLToPath(new URL('./torch_reference.py', import.meta.url));
  const args = [script, '--threads', '2', '--steps', String(steps), '--warmup', String(warmup)];
  for (const [k, v] of Object.entries(SHAPE)) args.push(`--${k}`, String(v));
  const r = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '2' } });
  if (r.status !== 0) throw new Error(`torch reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
}

async function main(): Promise<void> {
  const backend = arg('backend', 'wasm');
  const steps = Number(arg('steps', '3'));
  const warmup = Number(arg('warmup', '1'));
  const arm = arg('arm', '');
  if (arg('shape', 'small') === 'xglm-564m') {
    await (arm ? xglm564mArms(arm, backend as BackendChoice, steps, warmup, process.argv.includes('--profile')) : runXglm564mBench(backend, steps, warmup, process.argv));
    return;
  }
  if (arm) {
    console.log(JSON.stringify(await runArm(arm as Mode, backend as BackendChoice, steps, warmup)));
    return;
  }
  console.log(`shape ${JSON.stringify(SHAPE)}; machine: ${(await import('node:os')).cpus().length} cores, load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const torch = process.argv.includes('--no-torch') ? undefined : torchReference(Math.max(steps, 3), warmup);
  if (torch) {
    console.log(`PyTorch ${torch.torch} CPU, ${torch.threads} threads (tokens/s wall | per CPU-second):`);
    for (const m of ['forward', 'finetune', 'prompt'] as const) {
      console.log(`  ${m.padEnd(8)} ${torch[m].tokens_per_s.toFixed(0).padStart(7)} | ${torch[m].tokens_per_cpu_s.toFixed(0).padStart(7)}`);
    }
  }
  const [fwd] = await runChildren(['forward'], backend, steps, warmup);
  const [ft, pt] = await runChildren(['finetune', 'prompt'], backend, steps, warmup);
  const rows = [fwd, ft, pt];
  console.log(`tfjs-${fwd.backend}, one process per arm, FT and PT at the same time (tokens/s wall | per CPU-second; ratio to PyTorch wall | CPU):`);
  for (const r of rows) {
    const ref = torch?.[r.mode];
    const ratio = ref ? `   ${(r.tokens_per_s / ref.tokens_per_s).toFixed(2)}× | ${(r.tokens_per_cpu_s / ref.tokens_per_cpu_s).toFixed(2)}×` : '';
    console.log(`  ${r.mode.padEnd(8)} ${r.tokens_per_s.toFixed(0).padStart(7)} | ${r.tokens_per_cpu_s.toFixed(0).padStart(7)}${ratio}`);
  }
  if (torch) console.log(`  FT+PT together ${(ft.tokens_per_s + pt.tokens_per_s).toFixed(0)} tokens/s vs PyTorch one arm at a time`);
  console.log(JSON.stringify({ shape: SHAPE, torch, tfjs: rows }));
}

await main();
