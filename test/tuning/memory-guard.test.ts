import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';
import { isTokgapError } from '../../src/errors.js';
import { initBackend, memoryLimitOf, WASM_MEMORY_LIMIT_BYTES } from '../../src/tuning/backend.js';
import { runGrid, type GridSpec } from '../../src/tuning/grid.js';
import { pretrain } from '../../src/tuning/pretrain.js';

// A 7B-class shape: its float32 weights alone are ~27 GB, far past wasm's ~3.9 GB heap. Only
// config.json exists: the check is arithmetic and must fire before any weight file is opened.
const HUGE = { vocab_size: 256008, d_model: 4096, num_layers: 32, attention_heads: 32, ffn_dim: 16384, max_position_embeddings: 2048 };
const tooLarge = (e: unknown): boolean => isTokgapError(e) && e.code === 'MODEL_TOO_LARGE' && /holds at most 3\.90 GB/.test(e.message);

function hugeModelDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-huge-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['XGLMForCausalLM'], ...HUGE }));
  return dir;
}

test('wasm reports its heap limit; native-style backends have none', async () => {
  await initBackend('wasm');
  assert.equal(memoryLimitOf(), WASM_MEMORY_LIMIT_BYTES);
  assert.equal(memoryLimitOf('cpu'), undefined);
  assert.equal(memoryLimitOf('tensorflow'), undefined);
});

for (const method of ['prompt', 'finetune'] as const) {
  test(`runGrid on wasm refuses a ${method} run of a model far past the heap, before loading weights or data`, async () => {
    await initBackend('wasm');
    const dir = hugeModelDir();
    try {
      const spec: GridSpec = { task: 'pos', methods: [method], languages: ['en'], setting: 'in-language', seeds: [1], model: 'huge' };
      await assert.rejects(
        runGrid(spec, { modelDir: dir, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: join(dir, 'no-data') }, resultsFile: join(dir, 'r.jsonl'), steps: 1 }),
        tooLarge,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('without a limit (native backends) the grid is not refused and goes on to load the model', async () => {
  await initBackend('cpu');
  const dir = hugeModelDir();
  try {
    const spec: GridSpec = { task: 'xnli', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'huge' };
    await assert.rejects(
      runGrid(spec, { modelDir: dir, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'), steps: 1, maxTrain: 1 }),
      (e: unknown) => !tooLarge(e) && /model\.safetensors/.test(String((e as Error).message) + JSON.stringify(e)),
    );
    // An explicit limit applies on any backend.
    await assert.rejects(
      runGrid(spec, { modelDir: dir, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'), steps: 1, memoryLimitBytes: WASM_MEMORY_LIMIT_BYTES }),
      (e: unknown) => isTokgapError(e) && e.code === 'MODEL_TOO_LARGE',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pretrain on wasm refuses a model too large for the heap before reading the corpus', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-huge-'));
  try {
    await assert.rejects(
      pretrain({ corpus: join(dir, 'missing.txt'), tokenizer: fakeTokenizer({ vocabSize: 256000 }), out: join(dir, 'm'), dModel: 4096, layers: 32, heads: 32, ffn: 16384, steps: 1 }),
      tooLarge,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyze tune --backend wasm on a too-large model exits non-zero with the MODEL_TOO_LARGE message', () => {
  const dir = hugeModelDir();
  try {
    const root = new URL('../..', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'tune', '--task', 'pos', '--methods', 'finetune', '--langs', 'en',
      '--model', dir, '--tokenizer', `spm:${goldenPath('udhr-unigram-8k.model')}`, '--results', join(dir, 'r.jsonl'), '--data', FIXTURE_DATA_DIR, '--backend', 'wasm'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /holds at most 3\.90 GB/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
