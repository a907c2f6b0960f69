import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { loadModelTokenizer } from '../../src/tuning/model-folder.js';
import { runGrid } from '../../src/tuning/grid.js';
import { loadResults } from '../../src/tuning/results-io.js';
import { XglmModel } from '../../src/tuning/xglm/model.js';
import { initBackend } from '../../src/tuning/backend.js';

test('pretrain a tiny model with the golden 8k tokenizer, then tune POS, XNLI, NER and PAWS-X on it; rerun skips done cells', async () => {
  await initBackend('wasm'); // the fast backend here; cpu works too, only slower
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-pre-'));
  try {
    const corpus = join(dir, 'en.txt');
    const lines = readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 60).map((l) => l.split('\t')[0]);
    writeFileSync(corpus, lines.join('\n'));
    const spec = `spm:${goldenPath('udhr-unigram-8k.model')}`;
    const spm = await loadTokenizer(spec);
    const out = join(dir, 'model');
    const pre = await pretrain({ corpus, tokenizer: spm, out, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 6, batchSize: 4, lr: 1e-2 });
    assert.equal(pre.steps, 6);
    assert.equal(pre.config.vocab_size, 8008); // XGLM's layout: 8000 pieces + 1 (fairseq offset) + 7 made-up words; <pad> = 1
    assert.ok(pre.finalLoss < pre.firstLoss, `loss fell: ${pre.firstLoss} → ${pre.finalLoss}`);
    assert.ok(Math.abs(pre.firstLoss - Math.log(8008)) < 0.5, 'a fresh model starts near ln |V|');
    // The folder carries its tokenizer (XGLM's conventions over the SentencePiece model); tuning takes it from there.
    const tokenizer = (await loadModelTokenizer(out))!;
    assert.equal(tokenizer.format, 'xglm');
    assert.ok(!existsSync(`${out}.ckpt`), 'checkpoint removed after saving');
    const reloaded = XglmModel.fromPretrained(out);
    assert.equal(reloaded.config.d_model, 32);
    reloaded.dispose();

    const resultsFile = join(dir, 'results.jsonl');
    const common = { modelDir: out, tokenizer, data: { dataDir: FIXTURE_DATA_DIR }, resultsFile, steps: 2, batchSize: 4, maxTrain: 8, maxEval: 6, virtualTokens: 4 };
    const pos = await runGrid({ task: 'pos', methods: ['prompt', 'finetune'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny-pre' }, common);
    assert.equal(pos.rows.length, 2);
    const [prompt, full] = pos.rows;
    assert.equal(prompt!.method, 'prompt');
    assert.equal(prompt!.metric, 'accuracy');
    assert.equal(prompt!.n, 6);
    assert.equal(prompt!.steps, 2);
    assert.equal(prompt!.trainable_params, 4 * 32 + 17 * 32 + 17); // soft prompt + linear head
    assert.equal(full!.trainable_params, full!.total_params);
    assert.ok(prompt!.score >= 0 && prompt!.score <= 1);
    const xnli = await runGrid({ task: 'xnli', methods: ['prompt'], languages: ['en', 'de'], setting: 'zero-shot', seeds: [1], model: 'tiny-pre' }, common);
    assert.deepEqual(xnli.rows.map((r) => [r.language, r.setting, r.n]), [['en', 'zero-shot', 6], ['de', 'zero-shot', 6]]);
    assert.match(xnli.notes.join('\n'), /no xnli train set for en/);
    const ner = await runGrid({ task: 'ner', methods: ['finetune'], languages: ['fi'], setting: 'in-language', seeds: [2], model: 'tiny-pre' }, common);
    assert.deepEqual(ner.rows.map((r) => [r.metric, r.n, r.seed]), [['f1', 6, 2]]);
    const paws = await runGrid({ task: 'pawsx', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny-pre' }, common);
    assert.match(paws.notes.join('\n'), /no pawsx test set for en: .* split 60\/20\/20/);
    assert.equal(loadResults(resultsFile).length, 6);
    const again = await runGrid({ task: 'pos', methods: ['prompt', 'finetune'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny-pre' }, common);
    assert.deepEqual([again.rows.length, again.skipped], [0, 2]);
    assert.ok(!existsSync(`${resultsFile}.ckpt/pos-prompt-in-language-en-seed1`));
    assert.ok(!existsSync(`${resultsFile}.ckpt`), 'no empty checkpoint folder is left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
