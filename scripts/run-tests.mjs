// Runs test/**/*.test.ts through Node's own test runner with tsx as the TypeScript loader.
// Node 20's `--test` does not expand globs, so the files are listed here.
// Without --data: every test except `*.data.test.ts` (they need only the repository and
// test/fixtures). With --data: only `*.data.test.ts`, which read the full shared data
// ($TOKGAP_SHARED, else ../shared).
// Usage: node scripts/run-tests.mjs [--data] [substring-filter ...]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}
const args = process.argv.slice(2);
const dataSuite = args.includes('--data');
const filters = args.filter((a) => a !== '--data');
const files = findTests(join(root, 'test'))
  .filter((f) => f.endsWith('.data.test.ts') === dataSuite)
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  // Two test files run at once on the 2 cores: one OpenBLAS thread each (see src/tuning/backend/blas.ts).
  { cwd: root, stdio: 'inherit', env: { TOKGAP_BLAS_THREADS: '1', ...process.env } },
);
process.exit(result.status ?? 1);
