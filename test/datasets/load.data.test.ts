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

test('Thai POS tunes on UD Thai-TUD and tests on PUD (PUD has no train or dev)', async () => {
  const th = await loadTaskData('pos', 'th', { dataDir: DATA_DIR });
  assert.deepEqual([th.train.length, th.dev.length, th.test.length], [500, 362, 400]);
});
