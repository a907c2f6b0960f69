import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { initBackend } from '../../src/tuning/backend.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { runGrid, type RunGridOptions } from '../../src/tuning/grid.js';

test('a grid run killed mid-training resumes (prompt + head optimiser groups) and scores exactly as an uninterrupted run', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-gridres-'));
  try {
    const corpus = join(dir, 'en.txt');
    writeFileSync(corpus, readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 30).map((l) => l.split('\t')[0]).join('\n'));
    const tokenizer = await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`);
    const model = join(dir, 'model');
    await pretrain({ corpus, tokenizer, out: model, dModel: 32, layers: 1, heads: 2, ffn: 64, seqLen: 32, steps: 2, batchSize: 4 });
    const spec = { task: 'ner', methods: ['prompt', 'finetune'] as const, languages: ['de'], setting: 'in-language' as const, seeds: [3], model: 'm' };
    const base: Omit<RunGridOptions, 'resultsFile'> = {
      modelDir: model, tokenizer, data: { dataDir: FIXTURE_DATA_DIR }, steps: 5, batchSize: 4, maxTrain: 12, maxEval: 6,
      virtualTokens: 4, evalEvery: 2, checkpointEvery: 1, lrPrompt: 3e-2, lrFinetune: 3e-3, lrHead: 3e-2,
    };
    const losses = (into: Map<string, number[]>) => (i: { run: { method: string }; step: number; loss: number }) => {
      const list = into.get(i.run.method) ?? [];
      list[i.step - 1] = i.loss;
      into.set(i.run.method, list);
    };
    const straight = new Map<string, number[]>();
    const a = await runGrid(spec, { ...base, resultsFile: join(dir, 'a.jsonl'), onStep: losses(straight) });

    const resumed = new Map<string, number[]>();
    const killAt = (i: { run: { method: string }; step: number; loss: number }): void => {
      losses(resumed)(i);
      if (i.step === 3) throw new Error('killed');
    };
    await assert.rejects(runGrid(spec, { ...base, resultsFile: join(dir, 'b.jsonl'), onStep: killAt }), /killed/);
    // The prompt run died at step 3 (checkpoint at 2); nothing was written for it.
    assert.equal(readFileSync(join(dir, 'b.jsonl'), { encoding: 'utf8', flag: 'a+' }), '');
    const seen: string[] = [];
    const b = await runGrid(spec, { ...base, resultsFile: join(dir, 'b.jsonl'), onStep: (i) => { seen.push(`${i.run.method}:${i.step}`); losses(resumed)(i); } });
    // It continued from the step-2 checkpoint instead of starting over (which, being deterministic, would look alike).
    assert.deepEqual(seen.slice(0, 3), ['prompt:3', 'prompt:4', 'prompt:5']);
    assert.equal(seen[3], 'finetune:1');
    assert.deepEqual(b.rows.map((r) => [r.method, r.score, r.n, r.steps]), a.rows.map((r) => [r.method, r.score, r.n, r.steps]));
    for (const method of ['prompt', 'finetune']) {
      straight.get(method)!.forEach((l, i) => assert.ok(Math.abs(l - resumed.get(method)![i]!) < 1e-5, `${method} step ${i + 1}`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
