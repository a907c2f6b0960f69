import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MissingToolError, needTool } from './helpers/tools.js';

test('a test that needs a missing tool skips outside CI and fails under CI', () => {
  assert.equal(needTool(true, 'spm_encode', 'apt-get install sentencepiece', true), false);
  assert.match(needTool(false, 'spm_encode', 'apt-get install sentencepiece', false) as string, /spm_encode is not installed \(apt-get install sentencepiece\)/);
  assert.throws(() => needTool(false, 'spm_encode', 'apt-get install sentencepiece', true), MissingToolError);
});

test('CI=true with a tool missing: the test file fails, it does not skip', () => {
  const code = `import { test } from 'node:test'; import { needTool, commandRuns } from ${JSON.stringify(fileURLToPath(new URL('./helpers/tools.ts', import.meta.url)))};
    test('needs a tool', { skip: needTool(commandRuns('tokgap-no-such-tool'), 'tokgap-no-such-tool', 'nowhere') }, () => {});`;
  // Without the parent runner's NODE_TEST_CONTEXT, the child reports as TAP on stdout.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const run = (ci: string) => spawnSync(process.execPath, ['--import', 'tsx', '--test-reporter=tap', '--input-type=module', '-e', code], {
    encoding: 'utf8', env: { ...env, CI: ci },
  });
  const inCi = run('true');
  assert.notEqual(inCi.status, 0);
  assert.match(inCi.stderr + inCi.stdout, /tokgap-no-such-tool is missing, and CI is set/);
  const local = run('');
  assert.equal(local.status, 0, local.stderr);
  assert.match(local.stdout, /# SKIP tokgap-no-such-tool is not installed/);
});
