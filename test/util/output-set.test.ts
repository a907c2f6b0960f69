// Output sets appear whole: a reused folder keeps nothing stale, and a commit killed with SIGKILL
// part-way through its renames is finished by the next writer (or recoverOutputSet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_MANIFEST, readOutputManifest, recoverOutputSet, writeOutputSet } from '../../src/util/output-set.js';

const root = new URL('../..', import.meta.url).pathname;
const OLD = { 'report.html': 'old html', 'chart.svg': 'old svg', 'heatmap.svg': 'old heatmap' };
const NEW = { 'report.html': 'new html', 'chart.svg': 'new svg', 'table.csv': 'new csv' };

/** The folder's files and contents, manifest and journal aside. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

async function writeSet(dir: string, files: Record<string, string>): Promise<void> {
  await writeOutputSet(dir, async (staging) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, name), text);
  });
}

test('a reused folder ends with exactly the new run\'s files and a manifest of them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-outset-'));
  try {
    await writeSet(dir, OLD);
    await writeSet(dir, NEW);
    assert.deepEqual(contents(dir), NEW);
    assert.deepEqual(readOutputManifest(dir), Object.keys(NEW).sort());
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), [OUTPUT_MANIFEST]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const killAfter of [1, 2, 3]) {
  test(`SIGKILL after ${killAfter} of 3 renames: the next writer finishes that commit, so the folder is the new set`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokgap-outset-kill-'));
    try {
      await writeSet(dir, OLD);
      const script = `
        import { writeFileSync } from 'node:fs';
        import { join } from 'node:path';
        import { writeOutputSet } from './src/util/output-set.ts';
        let renamed = 0;
        await writeOutputSet(${JSON.stringify(dir)}, async (staging) => {
          for (const [name, text] of Object.entries(${JSON.stringify(NEW)})) writeFileSync(join(staging, name), text);
        }, { onRenamed: () => { if (++renamed === ${killAfter}) process.kill(process.pid, 'SIGKILL'); } });`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      assert.equal(r.signal, 'SIGKILL', r.stderr);
      assert.ok(existsSync(join(dir, `${OUTPUT_MANIFEST}.pending`)), 'the journal outlives the kill');
      assert.notDeepEqual(contents(dir), NEW, 'the kill left a mix');
      assert.equal(recoverOutputSet(dir), true);
      assert.deepEqual(contents(dir), NEW);
      assert.deepEqual(readOutputManifest(dir), Object.keys(NEW).sort());
      assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), [OUTPUT_MANIFEST], 'no journal or staging folder is left');
      assert.equal(recoverOutputSet(dir), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
