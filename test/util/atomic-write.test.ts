import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFolderAtomic } from '../../src/util/atomic-write.js';

test('writeFolderAtomic: the whole folder or nothing; an old folder is replaced whole, or kept when filling fails', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokgap-atomic-'));
  try {
    const target = join(root, 'cell');
    assert.throws(() => writeFolderAtomic(target, (tmp) => { writeFileSync(join(tmp, 'a'), '1'); throw new Error('disk full'); }), /disk full/);
    assert.deepEqual(readdirSync(root), [], 'no target and no temp folder left');
    writeFolderAtomic(target, (tmp) => { writeFileSync(join(tmp, 'a'), '1'); writeFileSync(join(tmp, 'b'), '2'); });
    assert.deepEqual(readdirSync(target).sort(), ['a', 'b']);
    assert.throws(() => writeFolderAtomic(target, () => { throw new Error('killed'); }));
    assert.equal(readFileSync(join(target, 'a'), 'utf8'), '1', 'the old folder survives a failed rewrite');
    writeFolderAtomic(target, (tmp) => writeFileSync(join(tmp, 'c'), '3'));
    assert.deepEqual(readdirSync(target), ['c'], 'replaced whole, no stale files');
    assert.deepEqual(readdirSync(root), ['cell']);
    assert.ok(!existsSync(join(target, 'a')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
