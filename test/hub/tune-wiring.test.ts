import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';
import { startHubMimic } from '../helpers/hub-mimic.js';
import { isTokgapError } from '../../src/errors.js';

const root = new URL('../..', import.meta.url).pathname;

test('tune --model hub:…: the spec resolves to the cache snapshot first, and its tokenizer comes from that folder', async () => {
  const hub = await startHubMimic({
    'test/tiny-xglm': { files: {
      'config.json': readFileSync(goldenPath('tiny-xglm/config.json')),
      'model.safetensors': readFileSync(goldenPath('tiny-xglm/model.safetensors')),
      'sentencepiece.bpe.model': readFileSync(goldenPath('udhr-unigram-8k.model')),
    } },
  });
  const home = mkdtempSync(join(tmpdir(), 'tokgap-hf-'));
  const saved = { HF_HOME: process.env.HF_HOME, HF_ENDPOINT: process.env.HF_ENDPOINT };
  Object.assign(process.env, { HF_HOME: home, HF_ENDPOINT: hub.endpoint });
  try {
    const { parseTuneConfig, tune } = await import('../../src/tuning/grid.js');
    const config = parseTuneConfig({ task: 'pos', langs: 'en', methods: 'prompt', model: 'hub:test/tiny-xglm', steps: 1, results: join(home, 'r.jsonl'), data: FIXTURE_DATA_DIR, backend: 'cpu', maxTrain: 2, maxEval: 2 });
    const snapshot = join(home, 'hub', 'models--test--tiny-xglm', 'snapshots', hub.commitOf('test/tiny-xglm'));
    // The folder's XGLM tokenizer (8k pieces) is too large for the tiny model's 512 ids: the run
    // stops at that check, which proves the model and tokenizer were both taken from the snapshot.
    await assert.rejects(tune(config), (e: unknown) => {
      assert.ok(isTokgapError(e), String(e));
      assert.match(e.message, /tokenizer .* has \d+ ids but the model only 512/);
      assert.equal(e.file, snapshot);
      return true;
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    await hub.close();
  }
});

test('tune --model with a missing folder: "model folder not found", exit 3', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'tune', '--task', 'pos', '--langs', 'en', '--model', '/nowhere/model', '--tokenizer', 'tiktoken:o200k_base'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /\/nowhere\/model: model folder not found/);
});
