import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

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
