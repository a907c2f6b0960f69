import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const recorder = join(root, 'test/helpers/record-resolves.mjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>;
  sideEffects: unknown;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** Imports `specifier` (the package by its own name) in a fresh node; the URLs resolved and the names it exports. */
function importFresh(specifier: string): { urls: string[]; names: string[]; resolved: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-entry-'));
  const log = join(dir, 'resolved.txt');
  try {
    const code = `const m = await import(${JSON.stringify(specifier)});
      const { createRequire } = await import('node:module');
      const cjs = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ names: Object.keys(m), cjs, resolved: import.meta.resolve(${JSON.stringify(specifier)}) }));`;
    const r = spawnSync(process.execPath, ['--import', recorder, '--input-type=module', '-e', code], {
      cwd: root, encoding: 'utf8', env: { ...process.env, TOKGAP_RESOLVE_LOG: log },
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { names: string[]; cjs: string[]; resolved: string };
    const urls = [...readFileSync(log, 'utf8').trim().split('\n'), ...out.cjs.map((p) => `file://${p}`)];
    return { urls, names: out.names, resolved: fileURLToPath(out.resolved) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const packagesIn = (urls: readonly string[]): Set<string> =>
  new Set(urls.flatMap((u) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
    return m ? [m[1]!] : [];
  }));

test('importing tokgap loads neither TensorFlow.js nor Vega', () => {
  const { urls, names } = importFresh('tokgap');
  assert.ok(names.includes('loadTokenizer') && names.includes('analyzeTokenization') && names.includes('analyzeCorrelation'), 'the light stages are there');
  const loaded = packagesIn(urls);
  assert.ok(loaded.has('zod'), 'the recorder sees packages (zod is loaded by the tokenizers)');
  const heavy = [...loaded].filter((p) => p.startsWith('@tensorflow/') || p.startsWith('vega'));
  assert.deepEqual(heavy, [], `tokgap loaded ${heavy.join(', ')}`);
  for (const name of ['runGrid', 'XglmModel', 'renderReport', 'runStudy']) assert.ok(!names.includes(name), `${name} belongs to a subpath`);
});

/** One name each subpath must expose (it is defined in that stage). */
const EXPECTED: Record<string, string[]> = {
  tokenizers: ['loadTokenizer', 'SentencePieceModel'],
  corpora: ['openCorpus', 'resolveLanguageList'],
  stats: ['analyzeTokenization', 'computeMetrics'],
  tables: ['writeTidyTables', 'METRIC_NAMES'],
  datasets: ['loadTaskData', 'fromConllu'],
  tasks: ['getTask', 'alignWords'],
  correlation: ['analyzeCorrelation', 'pearson'],
  tuning: ['runGrid', 'XglmModel', 'initBackend', 'sequenceLogProbs'],
  report: ['renderReport', 'worldMapSpec', 'scoresSpec', 'correlateFiles'],
  studies: ['runStudy', 'StudyConfigSchema'],
  hub: ['resolveModel', 'hubFile'],
  net: ['downloadToFile', 'terminalDownloadProgress'],
};

test('every subpath export resolves to its stage and exposes its names; tuning and report load only their own heavy package', () => {
  const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.' && k !== './package.json').map((k) => k.slice(2)).sort();
  assert.deepEqual(subpaths, Object.keys(EXPECTED).sort());
  for (const sub of subpaths) {
    const target = pkg.exports[`./${sub}`] as { types: string; import: string };
    assert.ok(existsSync(join(root, target.types)), `${target.types} is built`);
    const { names, resolved, urls } = importFresh(`tokgap/${sub}`);
    assert.equal(resolved, join(root, 'dist', sub, 'index.js'));
    for (const name of EXPECTED[sub]!) assert.ok(names.includes(name), `tokgap/${sub} exports ${name}`);
    const loaded = [...packagesIn(urls)];
    if (sub === 'tuning') assert.ok(!loaded.some((p) => p.startsWith('vega')), `tokgap/tuning loads ${loaded.join(', ')}`);
    if (sub === 'report') assert.ok(!loaded.some((p) => p.startsWith('@tensorflow/')), `tokgap/report loads ${loaded.join(', ')}`);
  }
});

test('package.json: side-effect free; optional peers pinned to the tfjs in use; no package it does not use', () => {
  assert.equal(pkg.sideEffects, false);
  const tfjs = pkg.dependencies['@tensorflow/tfjs']!;
  assert.match(tfjs, /^\d+\.\d+\.\d+$/, 'tfjs is pinned');
  for (const peer of ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-backend-webgpu']) {
    assert.equal(pkg.peerDependencies[peer], tfjs, `${peer} pinned to tfjs ${tfjs}`);
  }
  for (const peer of [...Object.keys(pkg.peerDependencies)]) assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, `${peer} is optional`);
  assert.ok('webgpu' in pkg.peerDependencies);
  assert.equal(pkg.dependencies['@tensorflow/tfjs-backend-wasm'], tfjs);
  const installed = JSON.parse(readFileSync(join(root, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')) as { version: string };
  assert.equal(installed.version, tfjs);
});
