import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from '../helpers/shared.js';
import type { EvalResult } from '../../src/tasks/evaluate.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { initBackend } from '../../src/tuning/backend.js';
import { runGrid, type GridRun } from '../../src/tuning/grid.js';
import { loadModelTokenizer } from '../../src/tuning/model-folder.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { loadResults } from '../../src/tuning/results-io.js';
import { fromSafetensors } from '../../src/tuning/safetensors/read.js';
import { cellFolderName, readSavedCellMeta, scoreSavedCell } from '../../src/tuning/saved-cell.js';

/** The tensor table of a safetensors file, read from its header. */
function header(file: string): Record<string, { dtype: string; shape: number[] }> {
  const bytes = readFileSync(file);
  const n = Number(bytes.readBigUInt64LE(0));
  return JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
}

test('--save keeps each run (PEFT adapter or HF model folder, plus the head); a saved cell loads back and scores exactly as it did', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-save-'));
  try {
    const corpus = join(dir, 'en.txt');
    writeFileSync(corpus, readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 40).map((l) => l.split('\t')[0]).join('\n'));
    const modelDir = join(dir, 'model');
    await pretrain({ corpus, tokenizer: await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`), out: modelDir, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 2, batchSize: 4 });
    const tokenizer = (await loadModelTokenizer(modelDir))!;
    const save = join(dir, 'saved');
    const resultsFile = join(dir, 'results.jsonl');
    const tested = new Map<string, EvalResult>();
    const key = (run: GridRun, language: string): string => `${run.task}/${run.method}/${language}`;
    const common = {
      modelDir, tokenizer, data: { dataDir: FIXTURE_DATA_DIR }, resultsFile, steps: 2, batchSize: 4, maxTrain: 8, maxEval: 6, virtualTokens: 4, save,
      onTest: ({ run, language, result }: { run: GridRun; language: string; result: EvalResult }) => tested.set(key(run, language), result),
    };
    const pos = await runGrid({ task: 'pos', methods: ['prompt', 'finetune'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny-pre' }, common);
    const xnli = await runGrid({ task: 'xnli', methods: ['prompt', 'finetune'], languages: ['en', 'de'], setting: 'zero-shot', seeds: [1], model: 'tiny-pre' }, common);
    const rows = [...pos.rows, ...xnli.rows];
    assert.equal(rows.length, 6);

    // One folder per run, named by its cell; zero-shot rows of one run share it. Nothing half-written is left.
    assert.deepEqual(readdirSync(save).sort(), [
      'pos-en-finetune-in-language-seed1', 'pos-en-prompt-in-language-seed1', 'xnli-en-finetune-zero-shot-seed1', 'xnli-en-prompt-zero-shot-seed1',
    ]);
    assert.equal(cellFolderName({ task: 'pos', trainLanguage: 'en', method: 'prompt', setting: 'in-language', seed: 1 }), 'pos-en-prompt-in-language-seed1');
    for (const row of rows) assert.equal(row.saved, join(save, `${row.task}-en-${row.method}-${row.setting}-seed1`));
    assert.deepEqual(loadResults(resultsFile).map((r) => r.saved), rows.map((r) => r.saved));

    // Prompt tuning: PEFT's files, with the fields and tensor PEFT itself wrote (golden tiny-xglm-prompt).
    const ptDir = join(save, 'pos-en-prompt-in-language-seed1');
    assert.deepEqual(readdirSync(ptDir).sort(), ['adapter_config.json', 'adapter_model.safetensors', 'head.safetensors', 'head_config.json',
      'sentencepiece.bpe.model', 'special_tokens_map.json', 'tokenizer_config.json', 'tokgap_cell.json']);
    const adapter = JSON.parse(readFileSync(join(ptDir, 'adapter_config.json'), 'utf8'));
    const goldenAdapter = JSON.parse(readFileSync(goldenPath('tiny-xglm-prompt/adapter_config.json'), 'utf8'));
    assert.deepEqual(Object.keys(adapter).sort(), Object.keys(goldenAdapter).filter((k) => k !== 'peft_version').sort());
    assert.deepEqual([adapter.peft_type, adapter.task_type, adapter.num_virtual_tokens, adapter.token_dim, adapter.num_layers, adapter.num_attention_heads, adapter.base_model_name_or_path],
      ['PROMPT_TUNING', 'CAUSAL_LM', 4, 32, 1, 2, modelDir]);
    const goldenTensors = header(goldenPath('tiny-xglm-prompt/adapter_model.safetensors'));
    const tensors = header(join(ptDir, 'adapter_model.safetensors'));
    assert.deepEqual(Object.keys(tensors).sort(), Object.keys(goldenTensors).sort());
    assert.equal(tensors.prompt_embeddings!.dtype, goldenTensors.prompt_embeddings!.dtype);
    assert.deepEqual(tensors.prompt_embeddings!.shape, [4, 32]);
    const head = JSON.parse(readFileSync(join(ptDir, 'head_config.json'), 'utf8'));
    assert.equal(head.num_labels, 17);
    assert.equal(head.labels[0], 'ADJ');
    assert.deepEqual(Object.keys(header(join(ptDir, 'head.safetensors'))).filter((k) => k !== '__metadata__').sort(), ['classifier.bias', 'classifier.weight']);

    // Full fine-tuning: an HF model folder (what XGLMForCausalLM.from_pretrained reads) with the method's config and the head beside it.
    const ftDir = join(save, 'pos-en-finetune-in-language-seed1');
    assert.deepEqual(readdirSync(ftDir).sort(), ['config.json', 'full_finetuning_config.json', 'head.safetensors', 'head_config.json', 'model.safetensors',
      'sentencepiece.bpe.model', 'special_tokens_map.json', 'tokenizer_config.json', 'tokgap_cell.json']);
    assert.deepEqual(JSON.parse(readFileSync(join(ftDir, 'full_finetuning_config.json'), 'utf8')), { peft_type: 'FULL', freeze_embeddings: false });
    const ftConfig = JSON.parse(readFileSync(join(ftDir, 'config.json'), 'utf8'));
    assert.deepEqual([ftConfig.architectures, ftConfig.model_type, ftConfig.vocab_size], [['XGLMForCausalLM'], 'xglm', 8008]);
    assert.deepEqual(ftConfig.tokgap.tuning, { task: 'pos', language: 'en', setting: 'in-language', seed: 1, steps: 2 });
    assert.ok('model.embed_tokens.weight' in header(join(ftDir, 'model.safetensors')));
    // The fine-tuned weights differ from the base model's.
    const base = fromSafetensors(readFileSync(join(modelDir, 'model.safetensors'))).tensors.get('model.layers.0.fc1.weight')!;
    const tuned = fromSafetensors(readFileSync(join(ftDir, 'model.safetensors'))).tensors.get('model.layers.0.fc1.weight')!;
    assert.notDeepEqual(Array.from(tuned.data), Array.from(base.data));
    assert.deepEqual(readSavedCellMeta(ftDir).max_eval, 6);

    // Loaded back, each cell scores exactly as it did: same score, same predictions.
    const before = tf.memory().numTensors;
    for (const row of rows) {
      const again = await scoreSavedCell(row.saved!, { language: row.language, data: { dataDir: FIXTURE_DATA_DIR } });
      const original = tested.get(`${row.task}/${row.method}/${row.language}`)!;
      assert.equal(again.score, row.score, `${row.task} ${row.method} ${row.language}`);
      assert.equal(again.n, row.n);
      assert.deepEqual(again.predictions, original.predictions, `${row.task} ${row.method} ${row.language}`);
      assert.ok(again.predictions!.length > 0);
    }
    assert.equal(tf.memory().numTensors, before, 'scoring a saved cell frees what it loaded');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a save folder holding another model\'s cell is refused before anything trains; a broken cell file names the field', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-save-'));
  try {
    const cell = join(dir, 'saved', 'pos-en-prompt-in-language-seed1');
    mkdirSync(cell, { recursive: true });
    writeFileSync(join(cell, 'tokgap_cell.json'), JSON.stringify({ format: 'tokgap-cell', version: 1, model: 'another' }));
    const tokenizer = await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`);
    await assert.rejects(
      runGrid({ task: 'pos', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' },
        { modelDir: goldenPath('tiny-xglm'), tokenizer, data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'), steps: 1, save: join(dir, 'saved') }),
      (e: Error & { field?: string }) => e.field === 'save' && /another/.test(e.message),
    );
    assert.ok(!existsSync(join(dir, 'r.jsonl')));
    writeFileSync(join(dir, 'a-file'), 'x');
    await assert.rejects(
      runGrid({ task: 'pos', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' },
        { modelDir: goldenPath('tiny-xglm'), tokenizer, data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'), steps: 1, save: join(dir, 'a-file') }),
      (e: Error & { field?: string }) => e.field === 'save' && /not a folder/.test(e.message),
    );
    assert.throws(() => readSavedCellMeta(cell), (e: Error & { field?: string; file?: string }) => e.file === join(cell, 'tokgap_cell.json') && e.field !== undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
