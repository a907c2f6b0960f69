import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dataPath, DATA_DIR } from '../helpers/shared.js';
import { loadSplit, loadTaskData } from '../../src/datasets/load.js';
import { isTokgapError } from '../../src/errors.js';

test('local data dir: POS en test comes from UD PUD; de has no train so dev is carved 80/20', async () => {
  const en = await loadSplit('pos', 'en', 'test', { dataDir: DATA_DIR });
  assert.ok(en !== undefined && en.file.endsWith('ud_pud/en_pud-ud-test.conllu'));
  assert.equal(en.rows.length, 400);
  const de = await loadTaskData('pos', 'de', { dataDir: DATA_DIR });
  assert.equal(de.train.length, 400); // 80 % of 500 dev sentences (MANIFEST: de500, no train)
  assert.equal(de.dev.length, 100);
  assert.equal(de.test.length, 400);
  assert.match(de.notes[0]!, /no pos train set for de/);
});

test('PAWS-X en has dev only: split 60/20/20; XNLI has no train: dev 80/20', async () => {
  const p = await loadTaskData('pawsx', 'en', { dataDir: DATA_DIR });
  assert.deepEqual([p.train.length, p.dev.length, p.test.length], [1200, 400, 400]);
  const x = await loadTaskData('xnli', 'sw', { dataDir: DATA_DIR });
  assert.deepEqual([x.train.length, x.dev.length, x.test.length], [799, 200, 5010]);
});

test('missing language is a typed error', async () => {
  await assert.rejects(loadTaskData('ner', 'ht', { dataDir: DATA_DIR }), (e: unknown) => isTokgapError(e) && e.code === 'DATASET_UNAVAILABLE');
});

test('download path: files come from a local HTTP server into the cache, then from the cache', async () => {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    const rel = normalize(decodeURIComponent(req.url ?? '/')).replace(/^\/+/, '');
    const file = join(DATA_DIR, rel);
    if (rel.includes('..') || !existsSync(file)) { res.statusCode = 404; res.end(); return; }
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const cacheDir = mkdtempSync(join(tmpdir(), 'tokgap-cache-'));
  try {
    const source = { baseUrl: `http://127.0.0.1:${port}`, cacheDir };
    const got = await loadSplit('pos', 'el', 'test', source); // PUD missing (404), XTREME udpos present
    assert.equal(got?.file, join(cacheDir, 'data', 'pos/xtreme_udpos/el/test.tsv'));
    assert.equal(got.rows.length, 456);
    assert.equal(readFileSync(got.file, 'utf8'), readFileSync(dataPath('pos/xtreme_udpos/el/test.tsv'), 'utf8'));
    const before = hits;
    await loadSplit('pos', 'el', 'test', source);
    assert.equal(hits, before + 1); // the PUD candidate is asked again (404), the cached file is not
  } finally {
    server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('no local copy and no mirror: UD PUD tests come from their canonical GitHub file, cached', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'tokgap-cache-'));
  const asked: string[] = [];
  const fakeFetch = async (url: string) => {
    asked.push(url);
    const body = readFileSync(dataPath('pos/ud_pud/fi_pud-ud-test.conllu'));
    return { ok: true, status: 200, arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer };
  };
  try {
    const got = await loadSplit('pos', 'fi', 'test', { cacheDir, fetch: fakeFetch });
    assert.deepEqual(asked, ['https://raw.githubusercontent.com/UniversalDependencies/UD_Finnish-PUD/master/fi_pud-ud-test.conllu']);
    assert.equal(got?.rows.length, 400);
    await loadSplit('pos', 'fi', 'test', { cacheDir, fetch: fakeFetch });
    assert.equal(asked.length, 1, 'second read comes from the cache');
    assert.equal(await loadSplit('xnli', 'fi', 'test', { cacheDir, fetch: fakeFetch }), undefined);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('Thai POS tunes on UD Thai-TUD and tests on PUD (PUD has no train or dev)', async () => {
  const th = await loadTaskData('pos', 'th', { dataDir: DATA_DIR });
  assert.deepEqual([th.train.length, th.dev.length, th.test.length], [500, 362, 400]);
});
