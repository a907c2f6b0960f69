import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fixtureDataPath, FIXTURE_DATA_DIR } from '../helpers/shared.js';
import { loadSplit, loadTaskData } from '../../src/datasets/load.js';
import { isTokgapError } from '../../src/errors.js';


test('missing language is a typed error', async () => {
  await assert.rejects(loadTaskData('ner', 'ht', { dataDir: FIXTURE_DATA_DIR }), (e: unknown) => isTokgapError(e) && e.code === 'DATASET_UNAVAILABLE');
});

test('download path: files come from a local HTTP server into the cache, then from the cache', async () => {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    const rel = normalize(decodeURIComponent(req.url ?? '/')).replace(/^\/+/, '');
    const file = join(FIXTURE_DATA_DIR, rel);
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
    assert.equal(got.rows.length, 100); // the fixture cut: the first 100 sentences
    assert.equal(readFileSync(got.file, 'utf8'), readFileSync(fixtureDataPath('pos/xtreme_udpos/el/test.tsv'), 'utf8'));
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
    const body = readFileSync(fixtureDataPath('pos/ud_pud/fi_pud-ud-test.conllu'));
    return { ok: true, status: 200, arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer };
  };
  try {
    const got = await loadSplit('pos', 'fi', 'test', { cacheDir, fetch: fakeFetch });
    assert.deepEqual(asked, ['https://raw.githubusercontent.com/UniversalDependencies/UD_Finnish-PUD/master/fi_pud-ud-test.conllu']);
    assert.equal(got?.rows.length, 100); // the fixture cut: the first 100 sentences
    await loadSplit('pos', 'fi', 'test', { cacheDir, fetch: fakeFetch });
    assert.equal(asked.length, 1, 'second read comes from the cache');
    assert.equal(await loadSplit('xnli', 'fi', 'test', { cacheDir, fetch: fakeFetch }), undefined);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
