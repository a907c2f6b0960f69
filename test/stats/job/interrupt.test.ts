// SIGINT at several points of a tokenization run over a folder holding an earlier complete run:
// afterwards the folder holds either that earlier output or the new one, whole, and nothing stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';

const root = new URL('../../..', import.meta.url).pathname;
const main = `${root}dist/cli/main.js`;
const spm = `spm:${goldenPath('udhr-unigram-8k.model')}`;
const out = mkdtempSync(join(tmpdir(), 'tokgap-interrupt-'));
// A: one tokenizer with the HTML report; B: two tokenizers, tables only (so A's HTML must go).
const runA = ['tokenization', '--tokenizer', spm, '--langs', 'en,de', '--format', 'csv,json,html', '--no-svg', '--workers', '0', '--quiet', '--out', out];
const runB = ['tokenization', '--tokenizer', spm, '--tokenizer', 'tiktoken:o200k_base', '--langs', 'en,de,fr', '--format', 'csv,json', '--workers', '0', '--quiet', '--out', out];

/** Visible output files and the CSV; dot-entries (checkpoints, manifest) are bookkeeping. */
function snapshot(): { files: string[]; csv: string } {
  const files = readdirSync(out).filter((f) => !f.startsWith('.')).sort();
  return { files, csv: files.includes('tokenization.csv') ? readFileSync(join(out, 'tokenization.csv'), 'utf8') : '' };
}

function complete(args: string[]): void {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
}

test('SIGINT while counting, writing or committing leaves the previous or the new output, whole', async () => {
  complete(runB);
  const b = snapshot();
  complete(runA);
  const a = snapshot();
  assert.ok(a.files.includes('tokenization.html') && !b.files.includes('tokenization.html'));
  // B compares two tokenizers, so its set has the differences tables beside fairness and the tidy table.
  assert.deepEqual(b.files, ['allocation.csv', 'allocation.json', 'differences.csv', 'differences.json', 'examples.json', 'fairness.csv', 'fairness.json', 'overlap.csv', 'overlap.json', 'tokenization.csv', 'tokenization.json'], 'the rerun of B removed A\'s HTML');
  assert.ok(a.files.includes('fairness.csv') && !a.files.includes('differences.csv'), 'A (one tokenizer) has fairness.csv and no differences.csv');
  for (const delay of [50, 300, 600, 900, 1200, 1600, 2200]) {
    complete(runA);
    // B's counts for o200k and fr are not all checkpointed yet in some rounds, so the run spans counting and writing.
    if (delay % 2 === 0) rmSync(join(out, '.checkpoints'), { recursive: true, force: true });
    const child = spawn(process.execPath, [main, ...runB], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGINT'), delay);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) => child.on('exit', (c, s) => res([c, s])));
    clearTimeout(timer);
    if (code === 130) assert.match(stderr, /interrupted \(SIGINT\): finished work is kept.*run the same command again to resume/);
    const now = snapshot();
    const which = JSON.stringify(now) === JSON.stringify(a) ? 'previous' : JSON.stringify(now) === JSON.stringify(b) ? 'new' : 'mixed';
    assert.notEqual(which, 'mixed', `after SIGINT at ${delay} ms (exit ${code ?? signal}): ${now.files.join(', ')}`);
    if (code === 0) assert.equal(which, 'new');
    else assert.ok(code === 130 || signal === 'SIGINT', `exit ${code ?? signal}`);
    assert.deepEqual(readdirSync(out).filter((f) => f.startsWith('.staging-')).length <= 1, true);
  }
});

test.after(() => rmSync(out, { recursive: true, force: true }));
