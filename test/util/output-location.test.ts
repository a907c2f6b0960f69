import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputFile, checkOutputFolder } from '../../src/util/output-location.js';
import { InvalidOptionError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'tokgap-outloc-'));
const file = join(dir, 'a-file');
writeFileSync(file, 'x');

test('a new, an existing and a nested new folder pass and nothing is created', () => {
  checkOutputFolder(dir, { option: '--out' });
  checkOutputFolder(join(dir, 'new', 'deeper'), { option: '--out' });
  checkOutputFile(join(dir, 'new', 'r.jsonl'), { option: '--results' });
  checkOutputFile(file, { option: '--results' });
  assert.deepEqual(readdirSync(dir), ['a-file']);
});

test('a file where a folder goes, a file on the way, a folder where a file goes: the path and the problem', () => {
  const cases: [() => void, RegExp][] = [
    [() => checkOutputFolder(file, { option: '--out' }), /a-file: cannot write --out here: it is a file, not a folder/],
    [() => checkOutputFolder(join(file, 'sub'), { option: '--out' }), /a-file\/sub: cannot write --out here: .*a-file is a file, so the folder cannot be created/],
    [() => checkOutputFile(dir, { option: '--results' }), /cannot write --results here: it is a folder, not a file/],
    [() => checkOutputFile(join(file, 'r.jsonl'), { option: '--results' }), /a-file\/r.jsonl: cannot write --results here: .*a-file is a file/],
  ];
  for (const [fn, message] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof InvalidOptionError && message.test(e.message) && e.code === 'INVALID_OPTION');
  }
});

test('a read-only folder (chmod, or a read-only tmpfs as root, where chmod does not stop writes)', () => {
  const ro = join(dir, 'ro');
  mkdirSync(ro);
  const root = process.getuid?.() === 0;
  if (root) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', ro]);
  else chmodSync(ro, 0o555);
  try {
    assert.throws(() => checkOutputFolder(ro, { option: '--out' }), /cannot write --out here: the folder .*ro is read-only/);
    assert.throws(() => checkOutputFolder(join(ro, 'x'), { option: '--out' }), /ro is read-only, so the folder cannot be created/);
    assert.throws(() => checkOutputFile(join(ro, 'r.jsonl'), { option: '--results' }), /--results.*read-only/);
  } finally {
    if (root) execFileSync('umount', [ro]);
    else chmodSync(ro, 0o755);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
