/**
 * Training equal to PyTorch, step by step: tokgap's grid trains the golden tiny XGLM 50 steps on POS
 * (a fresh head on the hidden states) and on XNLI (the causal-LM loss of the gold verbalisation),
 * each by full fine-tuning and by prompt tuning, while dumping what PyTorch needs to replay it: the
 * initial trainable tensors, and every batch (ids, mask, labels, word positions) in order. `bench/torch_train_reference.py` then trains the same in plain PyTorch 1.13
 * (`torch.optim.AdamW`, `LambdaLR`, `clip_grad_norm_`, dropout off), and the losses of every step
 * and the final parameters must agree.
 *
 * Data: real UD English sentences (XTREME udpos train) and English XNLI pairs (its dev set, as
 * tokgap trains on it), encoded with a real tokenizer whose ids fit
 * tiny-xglm's 512-entry vocabulary: the golden UDHR unigram tokenizer in XGLM's format with its
 * vocabulary cut to the first 512 ids (pieces past them become `<unk>`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaskData } from '../../src/datasets/load.js';
import type { TaggedSentence } from '../../src/datasets/types.js';
import { getTask } from '../../src/tasks/registry.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { initBackend } from '../../src/tuning/backend.js';
import { runGrid, type GridRun } from '../../src/tuning/grid.js';
import { loadSafetensors } from '../../src/tuning/safetensors/read.js';
import { saveSafetensors } from '../../src/tuning/safetensors/write.js';
import type { TuningMethod } from '../../src/tuning/results.js';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';
import { TORCH_ENV, TORCH_PYTHON, torchSkip, torchVersion } from '../helpers/torch.js';

const REFERENCE = fileURLToPath(new URL('../../bench/torch_train_reference.py', import.meta.url));
const TORCH_MODEL = fileURLToPath(new URL('../../bench/torch_xglm.py', import.meta.url));
const STEPS = 50;
const BATCH = 8;
const MAX_TRAIN = 96;
const MAX_LENGTH = 40;
const VIRTUAL = 20;
/** Peak rates of the model (or prompt) group and of the head group. */
const LR: Record<TuningMethod, number> = { finetune: 1e-3, prompt: 3e-2 };
const LR_HEAD = 5e-3;
/** What tokgap's training uses (optim.ts defaults, train.ts's 10 % warmup and norm-1 clipping). */
const OPTIM = { weight_decay: 0.01, betas: [0.9, 0.999], eps: 1e-8, max_grad_norm: 1, warmup_steps: Math.floor(STEPS * 0.1) };
const TOLERANCE = 1e-4;

const relL2 = (a: Float32Array | number[], b: Float32Array | number[]): number => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num) / Math.sqrt(den);
};

/** The golden XGLM-format unigram tokenizer with its vocabulary cut to tiny-xglm's 512 ids. */
function writeTokenizer(dir: string): string {
  const json = JSON.parse(readFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), 'utf8'));
  json.model.vocab = json.model.vocab.slice(0, 512);
  const file = join(dir, 'tokenizer.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

interface GoldenCheck {
  positions: 'arange' | 'mask';
  logits: number;
  hidden_states: number[];
  loss_abs: number;
  grads: Record<string, number>;
  param_names: boolean;
}

test('the PyTorch reference model (bench/torch_xglm.py) equals transformers and PEFT on the golden batches', { skip: torchSkip() }, () => {
  const py = spawnSync(TORCH_PYTHON, [TORCH_MODEL, '--check', goldenPath()], { encoding: 'utf8', env: { ...TORCH_ENV, OMP_NUM_THREADS: '1' } });
  assert.equal(py.status, 0, py.stderr);
  const { xglm: [arange, mask], peft } = JSON.parse(py.stdout) as { xglm: [GoldenCheck, GoldenCheck]; peft: { logits: number; loss_abs: number; prompt_grad: number } };
  assert.ok(arange.logits < 1e-4, `logits rel L2 ${arange.logits}`);
  arange.hidden_states.forEach((e, i) => assert.ok(e < 1e-4, `hidden state ${i} rel L2 ${e}`));
  assert.ok(arange.loss_abs < 1e-5, `loss differs by ${arange.loss_abs}`);
  for (const [name, e] of Object.entries(arange.grads)) assert.ok(e < 1e-4, `gradient of ${name} rel L2 ${e}`);
  assert.ok(arange.param_names, 'parameter names or order differ from transformers');
  // PEFT's prompt tuning: the soft prompt in front of the scaled embeddings, positions over both.
  assert.ok(peft.logits < 1e-4 && peft.loss_abs < 1e-5 && peft.prompt_grad < 1e-4, `PEFT golden: ${JSON.stringify(peft)}`);
  // Mask-derived positions (older transformers) change only padded positions: same loss, other logits there.
  assert.ok(mask.loss_abs < 1e-5 && mask.logits > 1e-2, `mask-derived positions: loss ${mask.loss_abs}, logits ${mask.logits}`);
});

const METHODS: TuningMethod[] = ['finetune', 'prompt'];
/** The two ways tokgap trains: a POS head on hidden states, and XNLI's causal-LM loss on the gold verbalisation. */
const TASKS = ['pos', 'xnli'] as const;

test('POS and XNLI, fine-tuning and prompt tuning: tokgap loss at every step and final parameters equal PyTorch AdamW', { skip: torchSkip() }, async () => {
  // wasm, the default backend here (tfjs's pure-JS cpu backend takes ~3.6 s a step on this model).
  const backend = await initBackend('wasm');
  // TOKGAP_PARITY_DIR keeps every file of the comparison there for inspection.
  const keep = process.env.TOKGAP_PARITY_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'tokgap-torch-parity-'));
  mkdirSync(dir, { recursive: true });
  try {
    const tokenizer = await loadTokenizer(`hf:${writeTokenizer(dir)}`);
    const data = { dataDir: FIXTURE_DATA_DIR };
    const runDir = (run: GridRun): string => join(dir, `${run.task}-${run.method}`);
    const losses: Record<string, number[]> = {};
    const initial: Record<string, Map<string, Float32Array>> = {};
    const final: Record<string, Map<string, Float32Array>> = {};
    const values = (m: ReadonlyMap<string, tf.Variable>): Map<string, Float32Array> => new Map([...m].map(([n, v]) => [n, Float32Array.from(v.dataSync())]));
    const save = (file: string, named: Map<string, Float32Array>, like: ReadonlyMap<string, tf.Variable>): void =>
      saveSafetensors(file, new Map([...named].map(([n, d]) => [n, { shape: like.get(n)!.shape, data: d }])));

    for (const taskName of TASKS) {
      const task = getTask(taskName);
      const posTrain = task.kind === 'token' ? ((await loadTaskData('pos', 'en', data)).train.slice(0, MAX_TRAIN) as TaggedSentence[]) : [];
      await runGrid(
        { task: taskName, methods: METHODS, languages: ['en'], setting: 'in-language', seeds: [3], model: 'tiny-xglm' },
        {
          modelDir: goldenPath('tiny-xglm'), tokenizer, data, resultsFile: join(dir, 'results.jsonl'), checkpointRoot: join(dir, 'ckpt'),
          steps: STEPS, batchSize: BATCH, lrPrompt: LR.prompt, lrFinetune: LR.finetune, lrHead: LR_HEAD, virtualTokens: VIRTUAL, maxLength: MAX_LENGTH,
          // No dev selection before the end, so the final parameters are those after the last step.
          maxTrain: MAX_TRAIN, maxEval: 8, evalEvery: STEPS + 1, backend: backend.name,
          onTrainable: ({ run, stage, trainable }) => {
            const out = runDir(run);
            if (stage === 'final') {
              final[out] = values(trainable);
              save(join(out, 'tokgap-final.safetensors'), final[out]!, trainable);
              writeFileSync(join(out, 'tokgap-losses.json'), JSON.stringify({ losses: losses[out] }));
              return;
            }
            mkdirSync(out, { recursive: true });
            initial[out] = values(trainable);
            save(join(out, 'initial.safetensors'), initial[out]!, trainable);
            const head = task.kind === 'token' ? { lr_head: LR_HEAD, num_labels: task.labels.length, word_token: 'first' } : {};
            writeFileSync(join(out, 'run.json'), JSON.stringify({
              kind: task.kind === 'token' ? 'token' : 'lm', method: run.method, model_dir: goldenPath('tiny-xglm'), steps: STEPS, lr: LR[run.method], ...head, ...OPTIM,
            }));
            writeFileSync(join(out, 'batches.jsonl'), '');
          },
          onBatch: ({ run, batch }) => {
            const sentences = batch.examples.map((i) => posTrain[i]!);
            const words = task.kind === 'token' ? {
              word_positions: batch.wordPositions,
              word_tags: sentences.map((s) => s.tags.map((t) => task.labels.indexOf(t))),
              pieces: sentences.map((s) => tokenizer.encode(s.words.join(' '), { addSpecialTokens: true }).pieces),
            } : {};
            appendFileSync(join(runDir(run), 'batches.jsonl'), `${JSON.stringify({ ids: batch.ids, mask: batch.mask, labels: batch.labels, ...words })}\n`);
          },
          onStep: ({ run, loss }) => (losses[runDir(run)] ??= []).push(loss),
        },
      );
    }

    const runs = TASKS.flatMap((t) => METHODS.map((m) => join(dir, `${t}-${m}`)));
    const py = spawnSync(TORCH_PYTHON, [REFERENCE, ...runs], { encoding: 'utf8', env: { ...TORCH_ENV, OMP_NUM_THREADS: '1' } });
    assert.equal(py.status, 0, `PyTorch reference failed:\n${py.stderr}`);

    for (const run of runs) {
      const label = run.slice(dir.length + 1);
      const ref = JSON.parse(readFileSync(join(run, 'torch-losses.json'), 'utf8')) as { losses: number[]; alignment_mismatches: number };
      assert.equal(ref.alignment_mismatches, 0, `${label}: the labels PyTorch rebuilt differ from tokgap's`);
      const ours = losses[run]!;
      assert.equal(ours.length, STEPS);
      assert.equal(ref.losses.length, STEPS);
      const stepErrors = ours.map((l, i) => Math.abs(l - ref.losses[i]!) / Math.abs(ref.losses[i]!));
      const worst = stepErrors.indexOf(Math.max(...stepErrors));
      const torchFinal = loadSafetensors(join(run, 'torch-final.safetensors')).tensors;
      const names = [...final[run]!.keys()];
      assert.deepEqual([...torchFinal.keys()].sort(), [...names].sort());
      const flat = (get: (n: string) => ArrayLike<number>): number[] => names.flatMap((n) => Array.from(get(n)));
      const ourFinal = flat((n) => final[run]!.get(n)!);
      const theirFinal = flat((n) => torchFinal.get(n)!.data);
      const start = flat((n) => initial[run]!.get(n)!);
      const paramError = relL2(ourFinal, theirFinal);
      const updateError = relL2(ourFinal.map((x, i) => x - start[i]!), theirFinal.map((x, i) => x - start[i]!));
      // Tensor by tensor too, but for the key biases: adding q·b_k to a whole row of scores leaves its
      // softmax unchanged, so their exact gradient is 0 and AdamW steps them by normalised rounding
      // noise, which differs between any two implementations (and changes no output).
      const perTensor = names
        .filter((n) => !n.endsWith('self_attn.k_proj.bias'))
        .map((n) => [n, relL2(final[run]!.get(n)!, torchFinal.get(n)!.data as Float32Array)] as const)
        .sort((a, b) => b[1] - a[1]);
      console.log(`# ${label}: max rel loss error ${stepErrors[worst]!.toExponential(2)} (step ${worst + 1}); final params rel L2 ${paramError.toExponential(2)}, update rel L2 ${updateError.toExponential(2)}; worst tensor (key biases aside) ${perTensor[0]![0]} ${perTensor[0]![1].toExponential(2)}; loss ${ours[0]!.toFixed(4)} → ${ours[STEPS - 1]!.toFixed(4)}`);
      stepErrors.forEach((e, i) => assert.ok(e <= TOLERANCE, `${label} step ${i + 1}: tokgap loss ${ours[i]} vs PyTorch ${ref.losses[i]} (rel ${e.toExponential(2)})`));
      assert.ok(paramError <= TOLERANCE, `${label}: final parameters differ from PyTorch's by ${paramError.toExponential(2)} (rel L2)`);
      for (const [name, e] of perTensor) assert.ok(e <= TOLERANCE, `${label}: ${name} differs from PyTorch's by ${e.toExponential(2)} (rel L2)`);
      // The run must have learned something, or equal losses would prove little.
      assert.ok(ours[STEPS - 1]! < ours[0]!, `${label}: loss did not fall (${ours[0]} → ${ours[STEPS - 1]})`);
    }
  } finally {
    if (keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
});
