import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseStudyConfig } from '../../src/studies/load-config.js';
import { runStudy } from '../../src/studies/run.js';
import type { StudyStages, TuneInput } from '../../src/studies/stages.js';

const root = new URL('../..', import.meta.url).pathname;

test('a study whose model is a hub spec: statistics use it as the tokenizer spec, tuning gets the spec to resolve', async () => {
  const data = JSON.parse(readFileSync(join(root, 'analyses/demo.json'), 'utf8')) as any;
  data.tasks = [data.tasks[0]];
  data.tokenizers = ['model', 'tiktoken:o200k_base'];
  data.model = { type: 'hf', path: 'hub:facebook/xglm-564M@main' };
  const config = parseStudyConfig(data);
  const out = mkdtempSync(join(tmpdir(), 'tokgap-study-hub-'));
  const seen: { statistics?: string[]; tune?: TuneInput } = {};
  const stop = new Error('stop after tune');
  const stages: StudyStages = {
    async trainTokenizer() { throw new Error('not for an hf model'); },
    async pretrain() { throw new Error('not for an hf model'); },
    async statistics({ tokenizers, output }) { seen.statistics = tokenizers; mkdirSync(dirname(output), { recursive: true }); writeFileSync(output, 'tokenizer,corpus,language,metric,value,word_source\n'); },
    async tune(input) { seen.tune = input; throw stop; },
  };
  try {
    await assert.rejects(runStudy(config, { outDir: out, stages }), (e: unknown) => e === stop);
    assert.deepEqual(seen.statistics, ['hub:facebook/xglm-564M@main', 'tiktoken:o200k_base']);
    assert.equal(seen.tune!.modelDir, 'hub:facebook/xglm-564M@main');
    assert.equal(seen.tune!.modelName, 'hub:facebook/xglm-564M@main');
    assert.equal(seen.tune!.tokenizer, undefined, 'the tuning stage takes the tokenizer from the resolved folder');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
