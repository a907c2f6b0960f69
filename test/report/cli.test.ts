import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
function analyze(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

const CSV = [
  'tokenizer,corpus,language,metric,value,word_source',
  'xglm,udhr,eng,fertility,1.3,segmenter',
  'xglm,udhr,hin,fertility,2.9,segmenter',
  'xglm,udhr,eng,premium,1,segmenter',
  'xglm,udhr,hin,premium,NaN,segmenter',
].join('\n');

test('analyze report builds the report from a saved table and prints where it went (--json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-report-cli-'));
  writeFileSync(join(dir, 'stats.csv'), CSV);
  const outDir = join(dir, 'out');
  const r = analyze('report', '--input', dir, '--out', outDir, '--map-metric', 'premium', '--no-svg', '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.files.html, join(outDir, 'tokenization.html'));
  assert.deepEqual(Object.keys(result.files.specs), ['fertility', 'premium', 'map']);
  assert.deepEqual(result.files.svgs, {});
  assert.equal(result.languages, 2);
  const html = readFileSync(result.files.html, 'utf8');
  // No provenance.json beside the table: the report records this command line.
  assert.match(html, /analyze report --input \S+ --out \S+ --map-metric premium --no-svg --json/);
  const map = JSON.parse(readFileSync(result.files.specs.map, 'utf8'));
  assert.match(JSON.stringify(map.title), /premium/i);
});

test('analyze report: a missing input exits 3 (missing resource) with a message naming it; --help shows examples', () => {
  const r = analyze('report', '--input', '/nonexistent/stats.csv', '--out', join(tmpdir(), 'never'));
  assert.equal(r.status, 3);
  assert.match(r.stderr, /\/nonexistent\/stats\.csv: no such file or folder/);
  assert.ok(!existsSync(join(tmpdir(), 'never', 'tokenization.html')));
  const help = analyze('report', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--map-metric/);
  assert.match(help.stdout, /Examples:/);
});

test('analyze report into a reused folder keeps nothing of the earlier report (SVGs of a run with --svg go with --no-svg)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-report-stale-'));
  writeFileSync(join(dir, 'stats.csv'), CSV);
  const outDir = join(dir, 'out');
  const first = analyze('report', '--input', dir, '--out', outDir, '--quiet');
  assert.equal(first.status, 0, first.stderr);
  assert.ok(readdirSync(outDir).some((f) => f.endsWith('.svg')));
  writeFileSync(join(outDir, 'notes.txt'), 'mine');
  const second = analyze('report', '--input', dir, '--out', outDir, '--no-svg', '--quiet');
  assert.equal(second.status, 0, second.stderr);
  const files = readdirSync(outDir);
  assert.deepEqual(files.filter((f) => f.endsWith('.svg')), []);
  assert.ok(files.includes('tokenization.html') && files.includes('notes.txt'), 'files the report did not write stay');
  assert.deepEqual(files.filter((f) => f.startsWith('.staging-')), []);
});
