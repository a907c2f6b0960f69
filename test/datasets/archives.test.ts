import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { pack } from 'tar-stream';
import { fixtureDataPath } from '../helpers/shared.js';
import { loadSplit, loadTaskData } from '../../src/datasets/load.js';
import { fromPairTsv } from '../../src/datasets/pairs.js';
import { fromTaggedTsv } from '../../src/datasets/tagged.js';
import { NER_TAGS, PAWSX_LABELS, XNLI_LABELS, type PairExample, type TaggedSentence } from '../../src/datasets/types.js';
import { isTokgapError } from '../../src/errors.js';

// Small real archives in the official layouts, built from the shared data files, so rows read
// through download + unpack can be compared with the same files read directly.

const N = 30;
const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
const pairsOf = (rows: readonly PairExample[]): string[][] => rows.map((r) => [r.sentence1, r.sentence2, r.label]);
const taggedOf = (rows: readonly TaggedSentence[]): string[][][] => rows.map((r) => [r.words, r.tags]);
const sharedPairs = (task: 'xnli' | 'pawsx', lang: string, split: string, labels: readonly string[]): PairExample[] =>
  fromPairTsv(lines(fixtureDataPath(task, lang, split + '.tsv')).slice(0, N).join('\n'), 'shared', labels);
/** First `n` sentences of a shared tagged file, as text. */
function firstSentences(file: string, n: number): string {
  return readFileSync(file, 'utf8').split(/\n\n+/).filter((b) => b.trim() !== '').slice(0, n).map((b) => b.trim() + '\n').join('\n');
}

// XNLI-1.0.zip: xnli.{dev,test}.tsv with the official 19-column header, languages one after another.
const XNLI_HEADER = [
  'language', 'gold_label', 'sentence1_binary_parse', 'sentence2_binary_parse', 'sentence1_parse', 'sentence2_parse',
  'sentence1', 'sentence2', 'promptID', 'pairID', 'genre', 'label1', 'label2', 'label3', 'label4', 'label5',
  'sentence1_tokenized', 'sentence2_tokenized', 'match',
];
function xnliTsv(split: 'dev' | 'test'): string {
  const out = [XNLI_HEADER.join('\t')];
  for (const lang of ['en', 'de']) {
    lines(fixtureDataPath('xnli', lang, `${split}.tsv`)).slice(0, N).forEach((l, i) => {
      const [s1, s2, label] = l.split('\t') as [string, string, string];
      const cell: Record<string, string> = { language: lang, gold_label: label, sentence1: s1, sentence2: s2, promptID: String(i), pairID: String(i), genre: 'fiction', label1: label, match: 'True' };
      out.push(XNLI_HEADER.map((h) => cell[h] ?? '').join('\t'));
    });
  }
  return out.join('\n') + '\n';
}
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const XNLI_ZIP = Buffer.from(zipSync({
  'XNLI-1.0/xnli.dev.tsv': enc(xnliTsv('dev')),
  'XNLI-1.0/xnli.test.tsv': enc(xnliTsv('test')),
  '__MACOSX/XNLI-1.0/._xnli.dev.tsv': enc('resource fork, must be ignored'),
}));
const XNLI_ZIP_NO_TEST = Buffer.from(zipSync({ 'XNLI-1.0/xnli.dev.tsv': enc(xnliTsv('dev')) }));

async function tarOf(entries: Record<string, string | Uint8Array>): Promise<Buffer> {
  const p = pack();
  for (const [name, body] of Object.entries(entries)) p.entry({ name }, typeof body === 'string' ? enc(body) : body);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

// x-final.tar.gz: x-final/<lang>/{dev_2k,test_2k}.tsv and x-final/en/train.tsv with the `id sentence1 sentence2 label` header.
const pawsTsv = (file: string, n = N): string =>
  ['id\tsentence1\tsentence2\tlabel', ...lines(file).slice(0, n).map((l, i) => `${i + 1}\t${l}`)].join('\n') + '\n';
const PAWSX_TGZ = gzipSync(await tarOf({
  'x-final/de/dev_2k.tsv': pawsTsv(fixtureDataPath('pawsx/de/dev.tsv')),
  'x-final/de/test_2k.tsv': pawsTsv(fixtureDataPath('pawsx/de/test.tsv')),
  'x-final/en/dev_2k.tsv': pawsTsv(fixtureDataPath('pawsx/en/dev.tsv')),
  'x-final/en/train.tsv': pawsTsv(fixtureDataPath('pawsx/en/dev.tsv'), 50),
}));

// panx_dataset.tar: per-language <lang>.tar.gz holding train/dev/test with `de:`-prefixed tokens.
const prefixed = (lang: string, text: string): string => text.replace(/^(?=\S)/gm, `${lang}:`);
async function panxLang(lang: string): Promise<Buffer> {
  const files: Record<string, string> = {};
  for (const split of ['train', 'dev', 'test']) files[split] = prefixed(lang, firstSentences(fixtureDataPath('panx', lang, `${split}.tsv`), 20));
  return gzipSync(await tarOf(files));
}
const PANX_DE = await panxLang('de');
const PANX_TAR = await tarOf({ 'panx_dataset/de.tar.gz': PANX_DE, 'panx_dataset/en.tar.gz': await panxLang('en') });

// One server for every test; `truncate` answers with a cut body.
const routes = new Map<string, Buffer>([
  ['/XNLI-1.0.zip', XNLI_ZIP], ['/no-test/XNLI-1.0.zip', XNLI_ZIP_NO_TEST], ['/x-final.tar.gz', PAWSX_TGZ],
  ['/panx_dataset.tar', PANX_TAR], ['/per-lang/de.tar.gz', PANX_DE],
  ['/short/x-final.tar.gz', PAWSX_TGZ.subarray(0, PAWSX_TGZ.length >> 1)],
  ['/short/XNLI-1.0.zip', XNLI_ZIP.subarray(0, XNLI_ZIP.length - 40)],
]);
const hits = new Map<string, number>();
const server: Server = createServer((req, res) => {
  const path = req.url ?? '/';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path === '/cut/x-final.tar.gz') {
    // Promise the whole archive, send half, then drop the connection.
    res.writeHead(200, { 'content-length': String(PAWSX_TGZ.length) });
    res.write(PAWSX_TGZ.subarray(0, PAWSX_TGZ.length >> 1), () => res.destroy());
    return;
  }
  const body = routes.get(path);
  if (!body) { res.statusCode = 404; res.end(); return; }
  res.writeHead(200, { 'content-length': String(body.length) });
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
let serverUp = true;
async function stopServer(): Promise<void> {
  if (!serverUp) return;
  serverUp = false;
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}
const tmp = mkdtempSync(join(tmpdir(), 'tokgap-archives-'));
after(async () => {
  await stopServer();
  rmSync(tmp, { recursive: true, force: true });
});
writeFileSync(join(tmp, 'panx_dataset.tar'), PANX_TAR);
writeFileSync(join(tmp, 'no-test.zip'), XNLI_ZIP_NO_TEST);
const freshCache = (name: string): string => join(tmp, name);
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}
const unavailable = (pattern: RegExp) => (e: unknown): boolean => {
  assert.ok(isTokgapError(e), String(e));
  assert.equal(e.code, 'DATASET_UNAVAILABLE');
  assert.match(e.message, pattern);
  return true;
};

test('archives over HTTP: 404, a missing member, a cut transfer and truncated archives fail clearly and leave no cache file', async () => {
  const cacheDir = freshCache('errors');
  await assert.rejects(loadSplit('xnli', 'de', 'dev', { cacheDir, archives: { xnli: `${base}/nope/XNLI-1.0.zip` } }),
    unavailable(/nope\/XNLI-1\.0\.zip failed with HTTP 404/));
  await assert.rejects(loadSplit('xnli', 'de', 'test', { cacheDir, archives: { xnli: `${base}/no-test/XNLI-1.0.zip` } }),
    unavailable(/no-test\/XNLI-1\.0\.zip has no member XNLI-1\.0\/xnli\.test\.tsv/));
  const errorsBefore = filesUnder(cacheDir);
  assert.deepEqual(errorsBefore.filter((f) => !f.endsWith('XNLI-1.0.zip')), []); // the good download stays, no extract of the missing member

  const cut = freshCache('cut');
  await assert.rejects(loadSplit('pawsx', 'de', 'dev', { cacheDir: cut, archives: { pawsx: `${base}/cut/x-final.tar.gz` } }), unavailable(/cut\/x-final\.tar\.gz broke off/));
  await assert.rejects(loadSplit('pawsx', 'de', 'dev', { cacheDir: cut, archives: { pawsx: `${base}/short/x-final.tar.gz` } }), unavailable(/short\/x-final\.tar\.gz is damaged or truncated/));
  await assert.rejects(loadSplit('xnli', 'de', 'dev', { cacheDir: cut, archives: { xnli: `${base}/short/XNLI-1.0.zip` } }), unavailable(/short\/XNLI-1\.0\.zip is damaged or truncated/));
  assert.deepEqual(filesUnder(cut), []);

  // The {lang} template names per-language archives directly.
  const nerShared = taggedOf(fromTaggedTsv(firstSentences(fixtureDataPath('panx/de/train.tsv'), 20), 'shared', NER_TAGS));
  const fromTemplate = await loadSplit('ner', 'de', 'train', { cacheDir: freshCache('tpl'), archives: { panx: `${base}/per-lang/{lang}.tar.gz` } });
  assert.deepEqual(taggedOf(fromTemplate!.rows as TaggedSentence[]), nerShared);
});

test('archives: XNLI zip, PAWS-X tar.gz, PAN-X nested tar download once, unpack and match the shared files; the cache serves with the server down', async () => {
  const cacheDir = freshCache('ok');
  // XNLI through $TOKGAP_XNLI_URL with no --data at all: the path `analyze tune --task xnli` takes.
  process.env.TOKGAP_XNLI_URL = `${base}/XNLI-1.0.zip`;
  try {
    const x = await loadTaskData('xnli', 'de', { cacheDir });
    assert.deepEqual(pairsOf(x.test as PairExample[]), pairsOf(sharedPairs('xnli', 'de', 'test', XNLI_LABELS)));
    assert.deepEqual(pairsOf([...x.train, ...x.dev] as PairExample[]), pairsOf(sharedPairs('xnli', 'de', 'dev', XNLI_LABELS)));
    assert.deepEqual([x.train.length, x.dev.length], [24, 6]); // no train in XNLI: dev carved 80/20
    assert.match(x.notes[0]!, /no xnli train set for de/);
    const en = await loadSplit('xnli', 'en', 'dev', { cacheDir });
    assert.deepEqual(pairsOf(en!.rows as PairExample[]), pairsOf(sharedPairs('xnli', 'en', 'dev', XNLI_LABELS)));
  } finally {
    delete process.env.TOKGAP_XNLI_URL;
  }

  const archives = { pawsx: `${base}/x-final.tar.gz`, panx: `${base}/panx_dataset.tar` };
  const p = await loadSplit('pawsx', 'de', 'test', { cacheDir, archives });
  assert.deepEqual(pairsOf(p!.rows as PairExample[]), pairsOf(sharedPairs('pawsx', 'de', 'test', PAWSX_LABELS)));
  const pTrain = await loadSplit('pawsx', 'en', 'train', { cacheDir, archives });
  assert.equal(pTrain!.rows.length, 50);
  assert.equal(await loadSplit('pawsx', 'de', 'train', { cacheDir, archives }), undefined); // machine-translated train is not used

  const ner = await loadSplit('ner', 'de', 'test', { cacheDir, archives });
  const nerShared = fromTaggedTsv(firstSentences(fixtureDataPath('panx/de/test.tsv'), 20), 'shared', NER_TAGS);
  assert.equal(nerShared.length, 20);
  assert.deepEqual(taggedOf(ner!.rows as TaggedSentence[]), taggedOf(nerShared));
  assert.deepEqual(ner!.rows.map((r) => r.line), nerShared.map((r) => r.line));

  assert.deepEqual([hits.get('/XNLI-1.0.zip'), hits.get('/x-final.tar.gz'), hits.get('/panx_dataset.tar')], [1, 1, 1]);

  await stopServer();
  // Same member again (extracted copy) and new members (from the cached archive), no network.
  const again = await loadSplit('xnli', 'de', 'dev', { cacheDir, archives: { xnli: `${base}/XNLI-1.0.zip` } });
  assert.deepEqual(pairsOf(again!.rows as PairExample[]), pairsOf(sharedPairs('xnli', 'de', 'dev', XNLI_LABELS)));
  const pEn = await loadSplit('pawsx', 'en', 'dev', { cacheDir, archives });
  assert.deepEqual(pairsOf(pEn!.rows as PairExample[]), pairsOf(sharedPairs('pawsx', 'en', 'dev', PAWSX_LABELS)));
  const nerEn = await loadTaskData('ner', 'en', { cacheDir, archives });
  assert.deepEqual(taggedOf(nerEn.dev as TaggedSentence[]), taggedOf(fromTaggedTsv(firstSentences(fixtureDataPath('panx/en/dev.tsv'), 20), 'shared', NER_TAGS)));
  assert.equal(nerEn.notes.length, 0);
});

test('archives: PAN-X from a local archive path (no cache copy of the archive)', async () => {
  const local = join(tmp, 'panx_dataset.tar');
  const nerShared = taggedOf(fromTaggedTsv(firstSentences(fixtureDataPath('panx/de/train.tsv'), 20), 'shared', NER_TAGS));
  const fromPath = await loadSplit('ner', 'de', 'train', { cacheDir: freshCache('local'), archives: { panx: local } });
  assert.deepEqual(taggedOf(fromPath!.rows as TaggedSentence[]), nerShared);
});

test('archives: PAN-X without a configured archive says how to get one', async () => {
  delete process.env.TOKGAP_PANX_URL;
  await assert.rejects(loadSplit('ner', 'de', 'test', { cacheDir: freshCache('none') }), unavailable(/PAN-X.*TOKGAP_PANX_URL.*panx_dataset\.tar/s));
  // With --data pointing elsewhere, a missing language stays "not found" (no archive is implied).
  assert.equal(await loadSplit('ner', 'ht', 'test', { dataDir: join(tmp, 'empty') }), undefined);
});

test('archives: a local archive missing a member names archive and member', async () => {
  const local = join(tmp, 'no-test.zip');
  const cacheDir = freshCache('member');
  await assert.rejects(loadSplit('xnli', 'de', 'test', { cacheDir, archives: { xnli: local } }), unavailable(/no-test\.zip has no member XNLI-1\.0\/xnli\.test\.tsv/));
  await assert.rejects(loadSplit('ner', 'fi', 'dev', { cacheDir, archives: { panx: join(tmp, 'panx_dataset.tar') } }), unavailable(/has no member fi\.tar\.gz/));
  await assert.rejects(loadSplit('ner', 'de', 'dev', { cacheDir, archives: { panx: join(tmp, 'missing.tar') } }), unavailable(/missing\.tar does not exist/));
});
