/**
 * The one training config: the CLI's help, the schema, the grid and a study all read the same
 * defaults under the same names; a study's budget reaches tune() as typed arrays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isTokgapError } from '../../src/errors.js';
import { BudgetsSchema } from '../../src/studies/config.js';
import { parseStudyConfig } from '../../src/studies/load-config.js';
import { studyCells } from '../../src/studies/plan.js';
import { tuneConfigsOf } from '../../src/studies/stages.js';
import { parseTuneConfig } from '../../src/tuning/options.js';
import { parsePretrainConfig, positionsOf } from '../../src/tuning/options.js';
import { planGrid } from '../../src/tuning/grid.js';
import { TRAINING_DEFAULTS, TrainingConfigSchema } from '../../src/tuning/training-config.js';
import type { ResultRow } from '../../src/tuning/results.js';

const root = new URL('../..', import.meta.url).pathname;

/** `--kebab-name` → the `[default: …]` its help block shows (undefined when it shows none). */
function helpDefaults(command: string): Map<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', command, '--help'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const blocks = new Map<string, string>();
  let current: string | undefined;
  // Options only: the Examples section's wrapped command lines also start with `--name`.
  for (const line of r.stdout.split(/\nExamples:/)[0]!.split('\n')) {
    const start = /^\s+(?:-\w, )?--([\w-]+)/.exec(line);
    if (start) blocks.set((current = start[1]!), line);
    else if (current !== undefined && line.startsWith('   ')) blocks.set(current, `${blocks.get(current)} ${line.trim()}`);
    else current = undefined;
  }
  return new Map([...blocks].map(([k, text]) => {
    const d = /\[default: ([^\]]+)\]/.exec(text)?.[1];
    return [k, d === undefined ? undefined : JSON.parse(d)];
  }));
}

const kebab = (k: string): string => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

test('analyze tune --help shows exactly the schema defaults, which are the documented values', () => {
  // The values docs/tuning.md documents (PEFT-style prompt tuning, Park et al.-sized budgets).
  assert.deepEqual({ ...TRAINING_DEFAULTS }, {
    steps: 100, batchSize: 8, lrPrompt: 3e-2, lrFinetune: 1e-4, lrHead: 5e-3, virtualTokens: 20, maxLength: 128, wordToken: 'first', freezeEmbeddings: false,
  });
  const help = helpDefaults('tune');
  for (const key of Object.keys(TrainingConfigSchema.shape)) {
    assert.ok(help.has(kebab(key)), `--${kebab(key)} is an option`);
    assert.deepEqual(help.get(kebab(key)), (TRAINING_DEFAULTS as Record<string, unknown>)[key], `--${kebab(key)}`);
  }
  // What the CLI parses with nothing given is what the schema gives.
  const parsed = parseTuneConfig({ task: 'pos', langs: 'en', model: 'm' });
  for (const [key, value] of Object.entries(TRAINING_DEFAULTS)) assert.deepEqual((parsed as Record<string, unknown>)[key], value, key);
});

test('analyze pretrain --help shows the pretraining schema defaults; maxPositions reaches the model and is checked', () => {
  const help = helpDefaults('pretrain');
  const c = parsePretrainConfig({ corpus: 'udhr', tokenizer: 't', out: 'o' });
  for (const key of ['dModel', 'layers', 'heads', 'ffn', 'steps', 'seqLen', 'batchSize', 'lr', 'seed'] as const) assert.equal(help.get(kebab(key)), c[key], key);
  assert.ok(help.has('max-positions'));
  assert.equal(help.get('max-positions'), undefined);
  assert.equal(positionsOf({ seqLen: 32 }), 128);
  assert.equal(positionsOf({ seqLen: 256 }), 256);
  assert.equal(positionsOf({ seqLen: 32, maxPositions: 48 }), 48);
  assert.throws(() => parsePretrainConfig({ corpus: 'udhr', tokenizer: 't', out: 'o', seqLen: 64, maxPositions: 32 }),
    (e: unknown) => isTokgapError(e) && e.field === 'seqLen' && /at most maxPositions 32/.test(e.expected ?? ''));
});

test('a study budget reaches tune() as typed arrays under the tune config names, defaults filled', () => {
  const config = parseStudyConfig(JSON.parse(readFileSync(`${root}analyses/demo.json`, 'utf8')), 'demo.json');
  const budgets = BudgetsSchema.parse({ steps: 7, lrPrompt: 0.1, maxEval: 5 });
  const configs = tuneConfigsOf({
    cells: studyCells(config), modelDir: '/m', modelName: 'pretrained:demo-small', budgets, dataDir: '/d', sourceLanguage: 'en', resultsFile: '/r.jsonl',
  });
  assert.deepEqual(configs.map((c) => c.task), config.tasks.map((t) => t.name));
  for (const [i, c] of configs.entries()) {
    assert.deepEqual(c.seeds, config.seeds);
    assert.deepEqual(c.methods, ['prompt', 'finetune']);
    assert.deepEqual(c.langs, config.tasks[i]!.languages);
    assert.deepEqual([c.steps, c.lrPrompt, c.maxEval, c.virtualTokens, c.lrFinetune, c.maxLength], [7, 0.1, 5, 20, 1e-4, 128]);
    // Already a whole, valid tune config: parsing it changes nothing.
    assert.deepEqual(parseTuneConfig(c), c);
  }
});

test("a study file's old budget and model keys name the key that replaced them", () => {
  const demo = (): any => JSON.parse(readFileSync(`${root}analyses/demo.json`, 'utf8'));
  const cases: [(d: any) => void, RegExp][] = [
    [(d) => { d.budgets.learningRate = { prompt: 0.1, finetune: 0.01 }; }, /`learningRate` is now `lrPrompt`, `lrFinetune` and `lrHead`/],
    [(d) => { d.budgets.promptLength = 8; }, /`promptLength` is now `virtualTokens`/],
    [(d) => { d.budgets.maxSeqLen = 64; }, /`maxSeqLen` is now `maxLength`/],
    [(d) => { d.model.learningRate = 0.001; }, /`learningRate` is now `lr`/],
    [(d) => { d.tasks[0].evalSplit = 'test'; }, /`evalSplit` is gone/],
  ];
  for (const [change, message] of cases) {
    const data = demo();
    change(data);
    assert.throws(() => parseStudyConfig(data, 'demo.json'), (e: unknown) => isTokgapError(e) && message.test(e.message), String(message));
  }
});

test('a grid refuses fine-tuning with a freeze choice other than the rows already in its results file', () => {
  const spec = { task: 'pos', methods: ['finetune'] as const, languages: ['en', 'de'], setting: 'in-language' as const, seeds: [1], model: 'm' };
  const row = (extra: Partial<ResultRow>): ResultRow => ({
    task: 'pos', language: 'en', method: 'finetune', setting: 'in-language', seed: 1, metric: 'accuracy', score: 0.5, n: 1,
    trainable_params: 1, total_params: 1, steps: 1, wall_s: 1, backend: 'cpu', model: 'm', ...extra,
  });
  assert.equal(planGrid(spec, [row({})]).length, 1);
  assert.throws(() => planGrid({ ...spec, freezeEmbeddings: true }, [row({})]), (e: unknown) => isTokgapError(e) && e.field === 'freezeEmbeddings');
  assert.throws(() => planGrid(spec, [row({ freeze_embeddings: true })]), (e: unknown) => isTokgapError(e) && e.field === 'freezeEmbeddings');
  // Another model's rows are no conflict.
  assert.equal(planGrid({ ...spec, freezeEmbeddings: true }, [row({ model: 'other' })]).length, 2);
});

test('runGrid with no training settings plans with the schema defaults (batch 8, 128 tokens + 20 virtual)', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runGrid } = await import('../../src/tuning/grid.js');
  const { fakeTokenizer } = await import('../helpers/fake-tokenizer.js');
  // Only config.json: the memory plan is arithmetic; a 1-byte limit refuses the run right after it.
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-defaults-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['XGLMForCausalLM'], vocab_size: 512, d_model: 64, num_layers: 2, attention_heads: 4, ffn_dim: 128, max_position_embeddings: 1024 }));
  try {
    const plans: { method: string; batchSize: number; seqLen: number }[] = [];
    for (const method of ['prompt', 'finetune'] as const) {
      await assert.rejects(runGrid({ task: 'xnli', methods: [method], languages: ['en'], setting: 'in-language', seeds: [1], model: 'm' }, {
        modelDir: dir, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: join(dir, 'none') }, resultsFile: join(dir, 'r.jsonl'),
        steps: 1, backend: 'test', memoryLimitBytes: 1, onMemoryPlan: (c) => plans.push({ method: c.method, batchSize: c.batchSize, seqLen: c.seqLen }),
      }), (e: unknown) => isTokgapError(e) && e.code === 'MODEL_TOO_LARGE');
    }
    assert.deepEqual(plans, [
      { method: 'prompt', batchSize: 8, seqLen: 128 + 20 },
      { method: 'finetune', batchSize: 8, seqLen: 128 },
    ]);
    assert.deepEqual([TRAINING_DEFAULTS.batchSize, TRAINING_DEFAULTS.maxLength, TRAINING_DEFAULTS.virtualTokens], [8, 128, 20]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runGrid takes the freeze choice from its options as well as from the grid', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runGrid } = await import('../../src/tuning/grid.js');
  const { fakeTokenizer } = await import('../helpers/fake-tokenizer.js');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-freeze-'));
  try {
    const results = join(dir, 'r.jsonl');
    writeFileSync(results, `${JSON.stringify({ task: 'pos', language: 'en', method: 'finetune', setting: 'in-language', seed: 1, metric: 'accuracy', score: 0.5, n: 1, trainable_params: 1, total_params: 1, steps: 1, wall_s: 1, backend: 'cpu', model: 'm' })}\n`);
    await assert.rejects(runGrid({ task: 'pos', methods: ['finetune'], languages: ['de'], setting: 'in-language', seeds: [1], model: 'm' }, {
      modelDir: dir, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: dir }, resultsFile: results, steps: 1, freezeEmbeddings: true,
    }), (e: unknown) => isTokgapError(e) && e.field === 'freezeEmbeddings');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
