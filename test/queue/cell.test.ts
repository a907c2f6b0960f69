import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGrid } from '../../src/tuning/grid.js';
import { parseTuneConfig } from '../../src/tuning/options.js';
import { gridSpecOf } from '../../src/tuning/run-config.js';
import { cellJobId, jobDataOf } from '../../src/queue/cell.js';
import { portableConfig } from '../../src/queue/enqueue.js';

const config = (extra: Record<string, unknown> = {}) => parseTuneConfig({ task: 'pos', langs: 'en,de', methods: 'prompt', seeds: '1', model: 'hub:facebook/xglm-564M', ...extra });
const ids = (c: ReturnType<typeof config>): string[] => planGrid(gridSpecOf(c)).map((run) => cellJobId(c, run));

test('job id = cell identity: the budget changes it; where and how a cell runs does not', () => {
  const base = ids(config());
  assert.equal(base.length, 2);
  assert.match(base[0]!, /^pos-prompt-in-language-en-seed1-[0-9a-f]{16}$/);
  assert.deepEqual(ids(config()), base);
  assert.deepEqual(ids(config({ results: 'elsewhere.jsonl', data: '/data', backend: 'wasm', dataUrl: 'https://example.org/d' })), base);
  for (const budget of [{ steps: 7 }, { lrPrompt: 0.1 }, { maxTrain: 5 }, { virtualTokens: 4 }, { modelName: 'other' }]) {
    assert.notDeepEqual(ids(config(budget)), base, JSON.stringify(budget));
  }
  assert.equal(new Set([...ids(config({ seeds: '2' })), ...base]).size, 4);
});

test('zero-shot: one job per run, one cell per test language, the job config is the run alone', () => {
  const c = config({ setting: 'zero-shot', langs: 'en,de,fi' });
  const [run, ...rest] = planGrid(gridSpecOf(c));
  assert.equal(rest.length, 0);
  const job = jobDataOf(c, run!, '0.1.0');
  assert.match(job.id, /^pos-prompt-zero-shot-en-to-de\+en\+fi-seed1-/);
  assert.deepEqual(job.data.cells.map((cell) => cell.language), ['en', 'de', 'fi']);
  assert.deepEqual([job.data.config.langs, job.data.config.sourceLanguage, job.data.config.methods, job.data.config.seeds], [['en', 'de', 'fi'], 'en', ['prompt'], [1]]);
  // A job config round-trips through JSON and the schema unchanged (what a worker parses).
  assert.deepEqual(parseTuneConfig(JSON.parse(JSON.stringify(job.data.config))), job.data.config);
});

test('workers get absolute local paths; the model name recorded stays as given', () => {
  const p = portableConfig(config({ model: 'models/demo', data: 'data', tokenizer: 'spm:tok/sp.model', save: 'saved' }));
  assert.equal(p.model, `${process.cwd()}/models/demo`);
  assert.equal(p.modelName, 'models/demo');
  assert.deepEqual([p.data, p.tokenizer, p.save], [`${process.cwd()}/data`, `spm:${process.cwd()}/tok/sp.model`, `${process.cwd()}/saved`]);
  assert.equal(portableConfig(config()).model, 'hub:facebook/xglm-564M');
});
