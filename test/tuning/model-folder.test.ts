import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { XglmTokenizer } from '../../src/tokenizers/xglm/index.js';
import type { Tokenizer } from '../../src/tokenizers/types.js';
import { initBackend } from '../../src/tuning/backend.js';
import { loadModelTokenizer, readModelMeta, trainingTokenizer, TOKENIZER_REF_FILE } from '../../src/tuning/model-folder.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { XglmModel } from '../../src/tuning/xglm/model.js';

const SPM = `spm:${goldenPath('udhr-unigram-8k.model')}`;
const ids = (t: Tokenizer, text: string): number[] => Array.from(t.encode(text, { addSpecialTokens: true }).ids);
/** Real text in many scripts: the golden UDHR paragraphs. */
const udhr = (): string[] => Object.values((JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, { text: string }[]> }).langs).flat().map((l) => l.text);

/** The XGLMConfig fields transformers reads (those the golden tiny-xglm/config.json, which transformers wrote, carries). */
const XGLM_CONFIG_FIELDS = ['vocab_size', 'max_position_embeddings', 'd_model', 'ffn_dim', 'num_layers', 'attention_heads', 'activation_function',
  'dropout', 'attention_dropout', 'activation_dropout', 'layerdrop', 'init_std', 'scale_embedding', 'pad_token_id', 'bos_token_id', 'eos_token_id',
  'decoder_start_token_id', 'tie_word_embeddings'];

test('analyze pretrain saves a folder that stands on its own: HF config, weights, XGLM tokenizer files and what made it, no paths', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-folder-'));
  try {
    const corpus = join(dir, 'en.txt');
    const lines = readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 60).map((l) => l.split('\t')[0]!);
    writeFileSync(corpus, lines.join('\n'));
    const spm = await loadTokenizer(SPM);
    const out = join(dir, 'model');
    const pre = await pretrain({ corpus, tokenizer: spm, out, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 3, batchSize: 4, lr: 1e-2 });
    assert.deepEqual(readdirSync(out).sort(), ['config.json', 'model.safetensors', 'sentencepiece.bpe.model', 'special_tokens_map.json', 'tokenizer_config.json']);
    assert.ok(!existsSync(join(out, TOKENIZER_REF_FILE)));

    const text = readFileSync(join(out, 'config.json'), 'utf8');
    const config = JSON.parse(text);
    const golden = JSON.parse(readFileSync(goldenPath('tiny-xglm/config.json'), 'utf8'));
    assert.deepEqual(config.architectures, golden.architectures);
    assert.equal(config.model_type, golden.model_type);
    for (const field of XGLM_CONFIG_FIELDS) {
      assert.ok(field in golden, `golden has ${field}`);
      assert.equal(typeof config[field], typeof golden[field], field);
    }
    // XGLM's own layout: vocabulary = len(XGLMTokenizer) = 8000 pieces + 1 + 7 made-up words, <pad> = 1.
    assert.equal(config.vocab_size, 8008);
    assert.deepEqual([config.pad_token_id, config.bos_token_id, config.eos_token_id], [1, 0, 2]);
    assert.equal(pre.config.vocab_size, 8008);

    // What made it, by name and hash, never by path.
    assert.ok(!text.includes(dir), 'config.json names no local path');
    const meta = readModelMeta(out);
    assert.deepEqual(meta.tokenizer, { format: 'xglm', name: 'udhr-unigram-8k', vocab_size: 8008, files: ['sentencepiece.bpe.model', 'tokenizer_config.json', 'special_tokens_map.json'] });
    const training = meta.pretraining as Record<string, unknown>;
    assert.deepEqual(training.corpus, { kind: 'file', name: 'en.txt', segments: 60, sha256: (training.corpus as { sha256: string }).sha256 });
    assert.match((training.corpus as { sha256: string }).sha256, /^[0-9a-f]{64}$/);
    assert.equal(training.steps, 3);
    assert.equal(training.seq_len, 32);
    assert.equal(training.tokens, pre.tokens);

    // Moved elsewhere, the folder still has its tokenizer, and it gives the ids the model was trained on.
    const moved = join(dir, 'elsewhere');
    cpSync(out, moved, { recursive: true });
    rmSync(out, { recursive: true });
    const back = await loadModelTokenizer(moved);
    assert.ok(back instanceof XglmTokenizer);
    const trained = trainingTokenizer(spm);
    for (const line of [...lines, ...udhr()]) assert.deepEqual(ids(back, line), ids(trained, line));
    // … and those are transformers' ids for these files: AutoTokenizer over this sentencepiece.bpe.model +
    // XGLMTokenizer config gave xglm-format-golden.json (make_golden.py), all 204 lines.
    const goldenIds = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { langs: Record<string, { text: string; input_ids: number[] }[]> };
    const goldenLines = Object.values(goldenIds.langs).flat();
    assert.equal(goldenLines.length, 204);
    for (const r of goldenLines) assert.deepEqual(ids(trained, r.text), r.input_ids, r.text.slice(0, 40));
    const model = XglmModel.fromPretrained(moved);
    assert.equal(model.config.vocab_size, back.vocabSize);
    model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an old folder with only a tokgap_tokenizer.json pointer still loads, with one deprecation note', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-folder-'));
  const warnings: Error[] = [];
  const onWarning = (w: Error): void => { warnings.push(w); };
  process.on('warning', onWarning);
  try {
    cpSync(goldenPath('tiny-xglm'), dir, { recursive: true });
    writeFileSync(join(dir, TOKENIZER_REF_FILE), JSON.stringify({ spec: SPM, name: 'udhr-unigram-8k' }));
    const first = await loadModelTokenizer(dir);
    const second = await loadModelTokenizer(dir);
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    assert.equal(first?.spec, SPM);
    assert.equal(second?.format, 'sentencepiece');
    const ours = warnings.filter((w) => (w as Error & { code?: string }).code === 'TOKGAP_TOKENIZER_REF');
    assert.equal(ours.length, 1);
    assert.equal(ours[0]!.name, 'DeprecationWarning');
    assert.match(ours[0]!.message, /deprecated.*sentencepiece\.bpe\.model/s);
    rmSync(join(dir, TOKENIZER_REF_FILE));
    assert.equal(await loadModelTokenizer(dir), undefined);
  } finally {
    process.off('warning', onWarning);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pretrain refuses, before reading the corpus, an --out that is a file or a folder of other things (it would be replaced whole)', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-folder-'));
  try {
    const tokenizer = await loadTokenizer(SPM);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    for (const out of [dir, join(dir, 'notes.txt')]) {
      await assert.rejects(
        pretrain({ corpus: join(dir, 'missing.txt'), tokenizer, out, dModel: 16, layers: 1, heads: 2, ffn: 32, steps: 1 }),
        (e: Error & { code?: string; field?: string }) => e.code === 'INVALID_OPTION' && e.field === 'out' && /replaced whole/.test(e.message),
      );
    }
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'keep me');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
