import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FIXTURE_DATA_DIR, GOLDEN_DIR } from './helpers/shared.js';

const root = new URL('..', import.meta.url).pathname;

test('the README library example runs and prints fertility for en, de, hi', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- readme-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- readme-example:end -->/.exec(readme);
  assert.ok(block, 'README has the marked library example');
  const source = block[1].replace(/from 'tokgap'/g, `from '${join(root, 'src/index.ts')}'`);
  // Inside the repository (git-ignored) so that the example resolves tsx from node_modules.
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const dir = mkdtempSync(join(root, 'test-output', 'readme-'));
  try {
    const file = join(dir, 'example.ts');
    writeFileSync(file, source);
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0], /^\d+ \[.*\] true$/);
    // The corpus's own UDHR codes for English, German (1996 orthography) and Hindi.
    assert.match(lines[1], /^eng: \d+\.\d\d, deu_1996: \d+\.\d\d, hin: \d+\.\d\d$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The commands of the README's marked tuning example, backslash continuations joined and `$VAR`s expanded. */
function tuningExample(readme: string): string[][] {
  const block = /<!-- readme-tune-example:start -->\s*```sh\n([\s\S]*?)```\s*<!-- readme-tune-example:end -->/.exec(readme);
  assert.ok(block, 'README has the marked tuning example');
  const vars = new Map<string, string>();
  const commands: string[][] = [];
  for (const raw of block[1].replace(/\\\n\s*/g, ' ').split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const assign = /^([A-Z_]+)=(\S+)$/.exec(line);
    if (assign) vars.set(assign[1]!, assign[2]!);
    else if (line.startsWith('npx analyze ')) commands.push(line.slice('npx analyze '.length).split(/\s+/).map((w) => w.replace(/\$([A-Z_]+)/g, (_, v: string) => vars.get(v) ?? `$${v}`)));
  }
  return commands;
}

/** `args` with `--name value` set (replaced, or appended when absent). */
function setFlag(args: readonly string[], name: string, value: string): string[] {
  const out = [...args];
  const i = out.indexOf(`--${name}`);
  if (i >= 0) out[i + 1] = value; else out.push(`--${name}`, value);
  return out;
}

test('the README tuning example: its files exist and its pretrain and tune commands run (tiny scale)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const [pretrain, tune] = tuningExample(readme);
  assert.equal(pretrain?.[0], 'pretrain');
  assert.equal(tune?.[0], 'tune');
  // Every path the example names exists (relative to the repository root, where it is run).
  // The example's ../shared paths point at their copies in test/fixtures (golden files, the cut of the task data).
  const shared = (p: string): string =>
    p.replace(/^(spm:)?\.\.\/shared\/fixtures\/golden\//, (_, spm: string | undefined) => `${spm ?? ''}${GOLDEN_DIR}/`)
      .replace(/^\.\.\/shared\/data(?=\/|$)/, FIXTURE_DATA_DIR);
  for (const arg of [...pretrain!, ...tune!].filter((a) => a.includes('../shared'))) {
    assert.ok(existsSync(shared(arg).replace(/^spm:/, '')), `${arg} exists`);
  }
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const dir = mkdtempSync(join(root, 'test-output', 'readme-tune-'));
  try {
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args.map(shared), '--quiet'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    let small = setFlag(setFlag(pretrain!, 'out', join(dir, 'model')), 'steps', '2');
    for (const [k, v] of [['d-model', '32'], ['layers', '1'], ['heads', '2'], ['ffn', '64'], ['seq-len', '32']] as const) small = setFlag(small, k, v);
    const pre = run(small);
    assert.equal(pre.status, 0, pre.stderr);
    let t = setFlag(setFlag(tune!, 'model', join(dir, 'model')), 'results', join(dir, 'r.jsonl'));
    for (const [k, v] of [['steps', '2'], ['max-train', '4'], ['max-eval', '2'], ['virtual-tokens', '2']] as const) t = setFlag(t, k, v);
    const tuned = run(t);
    assert.equal(tuned.status, 0, tuned.stderr);
    const rows = readFileSync(join(dir, 'r.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { language: string; method: string; baseline: number; word_token: string });
    const langs = tune![tune!.indexOf('--langs') + 1]!.split(',');
    const methods = tune!.includes('--methods') ? tune![tune!.indexOf('--methods') + 1]!.split(',') : ['prompt', 'finetune'];
    assert.equal(rows.length, langs.length * methods.length);
    for (const r of rows) {
      assert.equal(typeof r.baseline, 'number');
      assert.equal(r.word_token, 'first');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
