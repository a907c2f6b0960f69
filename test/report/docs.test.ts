import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileChecked } from '../helpers/vega-lite.js';

const ROOT = new URL('../..', import.meta.url).pathname;

test('the code example in docs/reports.md runs and writes what it says', () => {
  const doc = readFileSync(join(ROOT, 'docs/reports.md'), 'utf8');
  const snippet = /```ts\n([\s\S]*?)```/.exec(doc)![1]!;
  // The package name points at the source: `tokgap` at src/index.ts, `tokgap/<stage>` at that stage's barrel.
  const code = snippet.replace(/from 'tokgap(?:\/([a-z]+))?';/g, (_m, stage?: string) => `from '${join(ROOT, 'src', stage ?? '', 'index.ts')}';`);
  assert.ok(!/'tokgap[/']/.test(code), 'every import was redirected');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-docs-'));
  writeFileSync(join(dir, 'snippet.mts'), code);
  // Run from the temp folder (the snippet writes to ./out); tsx is resolved from the repository.
  const tsx = import.meta.resolve('tsx');
  const run = spawnSync(process.execPath, ['--import', tsx, join(dir, 'snippet.mts')], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /out\/tokenization\.html \[ 'fertility', 'map' \]/);
  for (const f of ['tokenization.html', 'tokenization-map.svg', 'fertility-by-tier.svg', 'gaps.html', 'gaps-gap.vl.json', 'gaps-gap.svg']) {
    assert.ok(existsSync(join(dir, 'out', f)), f);
    const text = readFileSync(join(dir, 'out', f), 'utf8');
    if (f.endsWith('.svg')) assert.match(text, /^<svg[\s\S]*<path[\s\S]*<\/svg>\s*$/, `${f} is an SVG that draws`);
    if (f.endsWith('.vl.json')) compileChecked(JSON.parse(text), f);
  }
  assert.match(readFileSync(join(dir, 'out', 'tokenization.html'), 'utf8'), /Not on the map \(no coordinates\): Thai \(tha\)/);
});
