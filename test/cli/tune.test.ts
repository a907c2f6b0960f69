import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { findBlas } from '../../src/tuning/backend/blas.js';

// Results record wasm as `wasm+openblas` where its matmuls run in OpenBLAS (docs/tuning-model.md).
const WASM_LABEL = findBlas().blas ? 'wasm+openblas' : 'wasm';

const root = new URL('../..', import.meta.url).pathname;
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('pretrain a tiny model, tune POS with both methods, rerun → skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-cli-'));
  try {
    const corpus = join(dir, 'en.txt');
    writeFileSync(corpus, readFileSync(fixtureDataPath('xnli/en/dev.tsv'), 'utf8').split('\n').slice(0, 40).map((l) => l.split('\t')[0]).join('\n'));
    const model = join(dir, 'model');
    const pre = cli(['pretrain', '--corpus', corpus, '--tokenizer', `spm:${goldenPath('udhr-unigram-8k.model')}`, '--out', model,
      '--d-model', '32', '--layers', '1', '--heads', '2', '--ffn', '64', '--seq-len', '32', '--steps', '2', '--backend', 'wasm', '--json']);
    assert.equal(pre.status, 0, pre.stderr);
    assert.equal(JSON.parse(pre.stdout).steps, 2);
    const results = join(dir, 'tmp.jsonl');
    const args = ['tune', '--task', 'pos', '--methods', 'prompt,finetune', '--langs', 'en', '--model', model,
      '--steps', '2', '--results', results, '--data', FIXTURE_DATA_DIR, '--save', join(dir, 'saved'),
      '--max-train', '8', '--max-eval', '4', '--virtual-tokens', '4', '--backend', 'wasm'];
    const first = cli(args);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /pos\ten\tprompt\tin-language\tseed 1\taccuracy /);
    assert.match(first.stdout, /2 cell\(s\) written, 0 already/);
    // The memory plan is said before the grid starts, one line per method.
    for (const method of ['prompt', 'finetune']) {
      assert.match(first.stderr, new RegExp(`memory: ${model.replace(/[/.]/g, '\\$&')} ${method}, batch 8 × \\d+ tokens on ${WASM_LABEL.replace('+', '\\+')}: about [\\d.]+ GB \\(weights .*\\); fits in 3\\.90 GB`));
    }
    // Two runs go to two worker processes, so rows land in the order the runs finish.
    const rows = readFileSync(results, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
      .sort((a, b) => ['prompt', 'finetune'].indexOf(a.method) - ['prompt', 'finetune'].indexOf(b.method));
    assert.deepEqual(rows.map((r) => r.method), ['prompt', 'finetune']);
    assert.deepEqual(Object.keys(rows[0]).sort(), ['backend', 'language', 'method', 'metric', 'model', 'n', 'saved', 'score', 'seed', 'setting', 'steps',
      'task', 'total_params', 'trainable_params', 'wall_s', 'baseline', 'word_token'].sort());
    // No --tokenizer: the model folder's own tokenizer files; --save keeps one folder per cell.
    assert.deepEqual(rows.map((r) => r.saved), [join(dir, 'saved', 'pos-en-prompt-in-language-seed1'), join(dir, 'saved', 'pos-en-finetune-in-language-seed1')]);
    assert.ok(existsSync(join(rows[0].saved, 'adapter_model.safetensors')));
    assert.ok(existsSync(join(rows[1].saved, 'model.safetensors')));
    assert.equal(rows[0].word_token, 'first');
    assert.match(first.stdout, /accuracy \d\.\d{4} \(baseline \d\.\d{4}\)/);
    assert.equal(rows[0].backend, WASM_LABEL);
    const again = cli([...args, '--json']);
    assert.equal(again.status, 0, again.stderr);
    const summary = JSON.parse(again.stdout);
    assert.deepEqual([summary.rows.length, summary.skipped], [0, 2]);
    assert.equal(readFileSync(results, 'utf8').trim().split('\n').length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad options exit with status 2 and say what was expected', () => {
  const r = cli(['tune', '--task', 'pos', '--methods', 'lora', '--langs', 'en', '--model', 'nowhere']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--methods was given "lora".*one of "prompt", "finetune"/);
  const help = cli(['tune', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--setting/);
  assert.match(help.stdout, /zero-shot/);
});
