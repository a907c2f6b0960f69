import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_DIR = fileURLToPath(new URL('.', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : testFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** What reads the full shared folder (test/helpers/shared.ts): allowed only in `*.data.test.ts`. */
const SHARED_NAMES = /\b(dataPath|DATA_DIR|sharedPath|SHARED_DIR)\b|\.\.\/shared\b/;

test('npm test needs only the repository: files outside *.data.test.ts never name the shared folder', () => {
  const offenders = testFiles(TEST_DIR)
    .filter((f) => !f.endsWith('.data.test.ts') && !f.endsWith('helpers/shared.ts') && !f.endsWith('suites.test.ts'))
    .filter((f) => SHARED_NAMES.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')))
    .map((f) => relative(TEST_DIR, f));
  // readme.test.ts maps the README's ../shared paths onto test/fixtures.
  assert.deepEqual(offenders.filter((f) => f !== 'readme.test.ts'), []);
});
