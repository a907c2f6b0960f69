/**
 * `npm run bench:tuning -- --shape xglm-564m`: XGLM-564M-shaped steps on tfjs (default wasm) and
 * PyTorch CPU in the same run. Arms, batch 8 × 128 input tokens:
 * - `forward`: the body and verbaliser scoring (log-prob of every sequence, chunked LM head);
 * - `pt-pos`: a prompt-tuning step (20 virtual tokens) with the 17-tag POS head, AdamW, clipping;
 * - `pt-xnli`: a prompt-tuning step with the causal-LM loss of the verbalisation (chunked head).
 * Training arms plan their memory as the grid does (on wasm: layers recomputed in the backward).
 * Each arm runs in its own process, one at a time; medians over `--steps` repetitions.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend, memoryLimitOf, type BackendChoice, type WasmMatMulChoice } from '../src/tuning/backend.js';
import { LinearHead, tokenClassificationLoss } from '../src/tuning/heads/linear-head.js';
import { PromptTuningModel } from '../src/tuning/methods/prompt-tuning/model.js';
import { AdamW } from '../src/tuning/optim.js';
import { blasThreads, sharedCoresEnv } from '../src/tuning/backend/blas.js';
import { recordStepSpeed, speedRecordFile } from '../src/tuning/speed-record.js';
import { parseXglmConfig, type XglmConfig } from '../src/tuning/xglm/config.js';
import { checkMemory, describeMemoryCheck } from '../src/tuning/xglm/memory.js';
import { XglmModel } from '../src/tuning/xglm/model.js';
import { sequenceLogProbsFromHidden } from '../src/tuning/lm-score.js';
import { XGLM_564M_CONFIG, xglm564mBenchForms } from './xglm-564m.js';

/** XGLM-564M's config.json (model card): d_model 1024, 24 layers, 16 heads, ffn 4096, vocab 256008, 2048 positions. */
/** facebook/xglm-564M's shape (xglm-564m.ts), dropout off: the bench times deterministic steps. */
const BENCH_CONFIG = { ...XGLM_564M_CONFIG, dropout: 0, attention_dropout: 0, activation_dropout: 0 };
const SHAPE = { batch: 8, seq: 128, virtual: 20, tags: 17 };
type Arm = 'forward' | 'pt-pos' | 'pt-xnli';
const ARMS: readonly Arm[] = ['forward', 'pt-pos', 'pt-xnli'];
const TORCH_MODE: Record<Arm, string> = { forward: 'score', 'pt-pos': 'pos_prompt', 'pt-xnli': 'xnli_prompt' };

/**
 * The 564M-shaped model: `$TOKGAP_BENCH_MODEL` (a model folder) when set, else the fp32
 * safetensors form `npm run bench:make-564m` writes (xglm-564m.ts) when it is there, else random
 * weights (HF's init) built in memory.
 */
export function loadBenchModel(config: XglmConfig): { model: XglmModel; source: string } {
  const dir = process.env.TOKGAP_BENCH_MODEL ?? xglm564mBenchForms().safetensors;
  if (existsSync(join(dir, 'config.json'))) return { model: XglmModel.fromPretrained(dir), source: dir };
  return { model: XglmModel.random(config, 0), source: 'random init in memory' };
}

interface ArmResult {
  arm: Arm;
  backend: string;
  source: string;
  step_s: number;
  step_times_s: number[];
  tokens_per_s: number;
  tokens_per_cpu_s: number;
  peak_rss_bytes: number;
  /** tfjs tensor bytes at the peak of one step (tf.profile), weights included. */
  peak_tensor_bytes: number;
  recompute_layers: boolean;
  memory_plan: string;
  profile?: { kernel: string; ms: number; calls: number }[];
}

/** One arm in this process: model, warmup, `steps` timed steps, one profiled step. */
export async function xglm564mArms(arm: string, backend: BackendChoice, steps: number, warmup: number, profile: boolean): Promise<void> {
  if (!(ARMS as readonly string[]).includes(arm)) throw new Error(`unknown arm ${arm}; one of ${ARMS.join(', ')}`);
  const info = await initBackend(backend, { matmul: (process.env.TOKGAP_MATMUL || 'auto') as WasmMatMulChoice });
  process.stderr.write(`${arm}: backend ${info.label}${info.device ? ` (${info.device})` : ''}\n`);
  const config = parseXglmConfig(BENCH_CONFIG);
  const training = arm !== 'forward';
  const head = arm === 'pt-pos' ? (config.d_model + 1) * SHAPE.tags : 0;
  const plan = checkMemory(
    config,
    { mode: training ? 'prompt' : 'forward', batchSize: SHAPE.batch, seqLen: SHAPE.seq + (training ? SHAPE.virtual : 0), extraTrainable: training ? SHAPE.virtual * config.d_model + head : 0 },
    { model: 'xglm-564m-shaped', method: training ? 'prompt' : 'forward', backend: info.name, ...(memoryLimitOf() !== undefined ? { limitBytes: memoryLimitOf()! } : {}) },
  );
  process.stderr.write(`${arm}: ${describeMemoryCheck(plan)}\n`);
  const t0 = performance.now();
  const { model, source } = loadBenchModel(config);
  process.stderr.write(`${arm}: model (${source}) ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const ids = tf.randomUniform([SHAPE.batch, SHAPE.seq], 4, config.vocab_size, 'int32', 1) as tf.Tensor2D;
  const mask = tf.ones([SHAPE.batch, SHAPE.seq], 'int32') as tf.Tensor2D;
  const recomputeLayers = plan.recomputeLayers;
  let step: () => void;
  if (arm === 'forward') {
    step = () => tf.tidy(() => void sequenceLogProbsFromHidden(model.hidden({ inputIds: ids, attentionMask: mask }).lastHiddenState, model.lmHeadWeight(), ids, mask).dataSync());
  } else {
    const pt = new PromptTuningModel(model, { num_virtual_tokens: SHAPE.virtual, prompt_tuning_init: 'SAMPLE_VOCAB' }, { seed: 2 });
    const pos = arm === 'pt-pos' ? new LinearHead({ hiddenSize: config.d_model, numLabels: SHAPE.tags }, 3) : undefined;
    const trainable = new Map([...pt.trainableParameters(), ...(pos ? [...pos.parameters] : [])]);
    const vars = [...trainable.values()];
    const opt = new AdamW(trainable, { lr: 1e-3, maxGradNorm: 1 });
    const tags = tf.randomUniform([SHAPE.batch, SHAPE.seq], 0, SHAPE.tags, 'int32', 4) as tf.Tensor2D;
    const lmLabels = pt.extendLabels(ids);
    step = () => tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const hidden = model.hidden({ inputsEmbeds: pt.embedWithPrompt(ids), attentionMask: pt.extendMask(mask), recomputeLayers }).lastHiddenState;
        return pos ? tokenClassificationLoss(pos.apply(pt.dropVirtual(hidden)), tags) : model.lmLoss(hidden, lmLabels);
      }, vars);
      opt.step(grads);
      value.dataSync();
    });
  }
  for (let i = 0; i < warmup; i++) {
    step();
    process.stderr.write(`${arm}: warmup step ${i + 1}/${warmup} done\n`);
  }
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    step();
    times.push((performance.now() - t) / 1000);
    // Each step as it ends: a shared machine may need hours, and a cut-off run still tells something.
    process.stderr.write(`${arm}: step ${i + 1}/${steps} ${times[i]!.toFixed(1)} s wall (${((SHAPE.batch * SHAPE.seq) / times[i]!).toFixed(1)} tokens/s), cpu so far ${((process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6).toFixed(1)} s, rss ${(process.resourceUsage().maxRSS / 1e6).toFixed(2)} GB\n`);
  }
  const c = process.cpuUsage(c0);
  const stepS = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const tokens = SHAPE.batch * SHAPE.seq;
  const prof = await tf.profile(() => step());
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of prof.kernels) {
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    e.calls++;
    byKernel.set(k.name, e);
  }
  const result: ArmResult = {
    arm: arm as Arm, backend: info.label, source, step_s: stepS, step_times_s: times, tokens_per_s: tokens / stepS,
    tokens_per_cpu_s: tokens / ((c.user + c.system) / 1e6 / steps), peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    peak_tensor_bytes: prof.peakBytes, recompute_layers: recomputeLayers, memory_plan: describeMemoryCheck(plan),
    ...(profile ? { profile: [...byKernel].map(([kernel, e]) => ({ kernel, ...e })).sort((a, b) => b.ms - a.ms).slice(0, 15) } : {}),
  };
  console.log(JSON.stringify(result));
}

/** Run a child process; resolve with its stdout. */
function runChild(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.slice(0, 6).join(' ')} … failed (exit ${code}): ${out}`))));
  });
}

/**
 * The whole comparison: our arms, then PyTorch one mode per process. One process at a time by
 * default; `--parallel` starts every arm at once (on a machine shared with other work a process
 * gets a share of the cores, so then read the per-CPU-second figures).
 */
export async function runXglm564mBench(backend: string, steps: number, warmup: number, argv: readonly string[]): Promise<void> {
  const os = await import('node:os');
  const parallel = argv.includes('--parallel');
  console.log(`shape xglm-564m ${JSON.stringify({ ...XGLM_564M_CONFIG, ...SHAPE })}; machine: ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; arms ${parallel ? 'all at once' : 'one at a time'}; OpenBLAS threads for tfjs ${parallel ? 'cores / arms' : blasThreads()}`);
  const self = fileURLToPath(new URL('./tuning.ts', import.meta.url));
  // Arms run at once share the cores, as a grid's workers do; one at a time, each has them all.
  const armEnv = (): NodeJS.ProcessEnv => (parallel ? sharedCoresEnv(arms.length) : process.env);
  const oursJob = (arm: Arm) => async (): Promise<ArmResult> => {
    const args = [...process.execArgv, self, '--shape', 'xglm-564m', '--arm', arm, '--backend', backend, '--steps', String(steps), '--warmup', String(warmup), ...(argv.includes('--profile') ? ['--profile'] : [])];
    const out = await runChild(process.execPath, args, armEnv());
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line === undefined) throw new Error(`arm ${arm} printed no result: ${out}`);
    return JSON.parse(line) as ArmResult;
  };
  const script = fileURLToPath(new URL('./torch_reference.py', import.meta.url));
  // The OpenMP OpenBLAS: Debian's pthread build wins the alternatives and is 2–3× slower.
  const torchEnv = { ...process.env, OMP_NUM_THREADS: '2', LD_LIBRARY_PATH: ['/usr/lib/x86_64-linux-gnu/openblas-openmp', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const torchJob = (arm: Arm) => async (): Promise<Record<string, unknown>> => {
    // At least 3 repetitions after a warmup: a PyTorch step is cheap next to ours.
    const args = [script, '--threads', '2', '--steps', String(Math.max(steps, 3)), '--warmup', String(Math.max(warmup, 1)), '--modes', TORCH_MODE[arm],
      '--vocab', String(XGLM_564M_CONFIG.vocab_size), '--d', String(XGLM_564M_CONFIG.d_model), '--layers', String(XGLM_564M_CONFIG.num_layers),
      '--heads', String(XGLM_564M_CONFIG.attention_heads), '--ffn', String(XGLM_564M_CONFIG.ffn_dim), '--batch', String(SHAPE.batch), '--seq', String(SHAPE.seq),
      '--virtual', String(SHAPE.virtual), '--tags', String(SHAPE.tags)];
    return JSON.parse((await runChild('/usr/bin/python3', args, torchEnv)).trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  };
  const withTorch = !argv.includes('--no-torch');
  // `--arms pt-pos,forward`: a subset, for a machine where one 564M step takes minutes.
  const at = argv.indexOf('--arms');
  const arms = at >= 0 ? (argv[at + 1] ?? '').split(',').filter((a): a is Arm => (ARMS as readonly string[]).includes(a)) : [...ARMS];
  // Ours first, then PyTorch: both sets at once would not fit this machine's memory.
  const run = async (jobs: (() => Promise<unknown>)[]): Promise<unknown[]> =>
    parallel ? Promise.all(jobs.map((j) => j())) : jobs.reduce<Promise<unknown[]>>(async (acc, j) => [...(await acc), await j()], Promise.resolve([]));
  const oursDone = await run(arms.map(oursJob));
  console.log(`load after tfjs: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const results = [...oursDone, ...(withTorch ? await run(arms.map(torchJob)) : [])];
  const ours = results.slice(0, arms.length) as ArmResult[];
  const torch: Record<string, { step_s: number; tokens_per_s: number; tokens_per_cpu_s: number; runs: { step_s: number }[]; peak_rss_bytes: number }> = {};
  let torchInfo: { torch?: string; threads?: number; blas?: string[]; blas_build?: string[] } = {};
  if (withTorch) {
    arms.forEach((arm, i) => {
      const out = results[arms.length + i] as Record<string, unknown>;
      torchInfo = out;
      torch[arm] = out[TORCH_MODE[arm]] as (typeof torch)[string];
    });
    console.log(`load after PyTorch: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`PyTorch ${torchInfo.torch} CPU, ${torchInfo.threads} threads, BLAS loaded: ${(torchInfo.blas ?? []).join(', ') || 'none found'} (built with ${(torchInfo.blas_build ?? []).join(', ')})`);
  }
  const gb = (b: number): string => `${(b / 1e9).toFixed(2)} GB`;
  console.log(`tfjs-${ours[0]!.backend} vs PyTorch, median of ${steps} (tokens/s wall | per CPU-second | peak RSS; ratio wall | CPU):`);
  for (const r of ours) {
    const ref = torch[r.arm];
    const ratio = ref ? `   torch ${ref.tokens_per_s.toFixed(1)} | ${ref.tokens_per_cpu_s.toFixed(1)} | ${gb(ref.peak_rss_bytes)}   ratio ${(r.tokens_per_s / ref.tokens_per_s).toFixed(2)}× | ${(r.tokens_per_cpu_s / ref.tokens_per_cpu_s).toFixed(2)}×` : '';
    console.log(`  ${r.arm.padEnd(8)} ${r.tokens_per_s.toFixed(1).padStart(7)} | ${r.tokens_per_cpu_s.toFixed(1).padStart(7)} | ${gb(r.peak_rss_bytes)} (tensors ${gb(r.peak_tensor_bytes)}${r.recompute_layers ? ', layers recomputed' : ''})${ratio}`);
    for (const k of r.profile ?? []) console.log(`      ${k.kernel.padEnd(22)} ${(k.ms / 1000).toFixed(2).padStart(8)} s  ${String(k.calls).padStart(6)} calls`);
  }
  const by = Object.fromEntries(ours.map((r) => [r.arm, r]));
  if (by['pt-pos']) {
    recordStepSpeed('xglm-564m', {
      backend: ours[0]!.backend, promptHeadTokensPerS: by['pt-pos'].tokens_per_s,
      ...(by['pt-xnli'] ? { promptLmTokensPerS: by['pt-xnli'].tokens_per_s } : {}),
      ...(by['forward'] ? { forwardTokensPerS: by['forward'].tokens_per_s } : {}),
      batchSize: SHAPE.batch, seqLen: SHAPE.seq, measuredAt: new Date().toISOString(),
      threads: blasThreads(armEnv()),
    });
    console.log(`measured speed recorded in ${speedRecordFile()} (read by analyze study --dry-run)`);
  }
  console.log(JSON.stringify({ shape: { ...XGLM_564M_CONFIG, ...SHAPE }, torch: { ...torchInfo, arms: torch, step_medians: Object.fromEntries(Object.entries(torch).map(([k, v]) => [k, v.step_s])) }, tfjs: ours }));
}
