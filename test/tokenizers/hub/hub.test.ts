import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { loadTokenizer } from '../../../src/tokenizers/index.js';
import { isTokgapError } from '../../../src/errors.js';
import { FAKE_COMMIT, files, startFakeHub } from './serve.js';

interface GoldenRow { text: string; input_ids: number[] }
const golden = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { langs: Record<string, GoldenRow[]> };
const tinyDir = goldenPath('xglm-format-udhr-unigram-8k');

test('hub: first call downloads into the HF cache layout, second works with the server stopped', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tokgap-hfhome-'));
  const hub = await startFakeHub({ 'test/xglm-tiny': files(tinyDir, ['tokenizer.json', 'tokenizer_config.json']) });
  const env = { HF_HOME: home, HF_ENDPOINT: hub.endpoint, HF_TOKEN: 'hf_secret' };
  const row = golden.langs.fra[2];
  try {
    const tok = await loadTokenizer('hub:test/xglm-tiny', { env });
    assert.deepEqual(Array.from(tok.encode(row.text, { addSpecialTokens: true }).ids), row.input_ids);
    assert.ok(hub.requests.includes('/test/xglm-tiny/resolve/main/tokenizer.json'));
    assert.ok(hub.auth.every((a) => a === 'Bearer hf_secret'), 'HF_TOKEN is sent as a bearer token');
    const snap = join(home, 'hub', 'models--test--xglm-tiny', 'snapshots', FAKE_COMMIT);
    assert.ok(existsSync(join(snap, 'tokenizer.json')));
    assert.equal(readFileSync(join(home, 'hub', 'models--test--xglm-tiny', 'refs', 'main'), 'utf8'), FAKE_COMMIT);
    assert.deepEqual(tok.sourceFiles, [join(snap, 'tokenizer.json')]);
  } finally {
    await hub.close();
  }
  const again = await loadTokenizer('hub:test/xglm-tiny', { env });
  assert.deepEqual(Array.from(again.encode(row.text, { addSpecialTokens: true }).ids), row.input_ids);
});

test('hub: an XGLM repo (config.json model_type xglm) is read from sentencepiece.bpe.model by the xglm loader', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tokgap-hfhome-'));
  const config = join(home, 'config.json');
  writeFileSync(config, JSON.stringify({ model_type: 'xglm' }));
  // The model file is answered with a redirect to a "CDN", as the Hub does for LFS files.
  const hub = await startFakeHub({ 'test/xglm-spm': { 'config.json': config, 'sentencepiece.bpe.model': goldenPath('udhr-unigram-8k.model'), 'tokenizer.json': join(tinyDir, 'tokenizer.json') } }, ['sentencepiece.bpe.model']);
  try {
    const tok = await loadTokenizer('hub:test/xglm-spm@main', { env: { HF_HOME: home, HF_ENDPOINT: hub.endpoint } });
    assert.equal(tok.format, 'xglm');
    assert.ok(!hub.requests.some((r) => r.endsWith('/tokenizer.json')), 'tokenizer.json is not needed');
    assert.ok(hub.requests.includes('/cdn/test/xglm-spm/sentencepiece.bpe.model'), 'the redirect was followed');
    // The commit of the redirect answer names the snapshot, next to config.json.
    assert.deepEqual(tok.sourceFiles, [join(home, 'hub', 'models--test--xglm-spm', 'snapshots', FAKE_COMMIT, 'sentencepiece.bpe.model')]);
    const row = golden.langs.deu_1996[2];
    assert.deepEqual(Array.from(tok.encode(row.text, { addSpecialTokens: true }).ids), row.input_ids);
  } finally {
    await hub.close();
  }
});

test('hub: a repository without tokenizer files gives a NOT_FOUND error; a server error names the URL', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tokgap-hfhome-'));
  const hub = await startFakeHub({});
  try {
    await assert.rejects(loadTokenizer('hub:nobody/nothing', { env: { HF_HOME: home, HF_ENDPOINT: hub.endpoint } }), (e: unknown) => {
      assert.ok(isTokgapError(e));
      assert.equal(e.code, 'NOT_FOUND');
      assert.match(e.message, /nobody\/nothing@main/);
      return true;
    });
  } finally {
    await hub.close();
  }
  const failing = (async () => ({ ok: false, status: 500, statusText: 'Internal Server Error', headers: { get: () => null }, arrayBuffer: async () => new ArrayBuffer(0) }));
  await assert.rejects(loadTokenizer('hub:a/b', { env: { HF_HOME: home, HF_ENDPOINT: 'http://hub.invalid' }, fetch: failing }), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.match(e.message, /http:\/\/hub\.invalid\/a\/b\/resolve\/main\/config\.json/);
    assert.match(e.message, /HTTP 500/);
    return true;
  });
});

test('hub: a 404 on a required download names the URL', async () => {
  const { hubFile, hubContext } = await import('../../../src/hub/index.js');
  const home = mkdtempSync(join(tmpdir(), 'tokgap-hfhome-'));
  const hub = await startFakeHub({});
  try {
    await assert.rejects(hubFile({ repo: 'x/y', revision: 'main' }, 'tokenizer.json', hubContext({ env: { HF_HOME: home, HF_ENDPOINT: hub.endpoint } })), (e: unknown) => {
      assert.ok(isTokgapError(e));
      assert.equal(e.code, 'NOT_FOUND');
      assert.ok(e.message.includes(`${hub.endpoint}/x/y/resolve/main/tokenizer.json`), e.message);
      return true;
    });
  } finally {
    await hub.close();
  }
});

test('hub: HF_HUB_OFFLINE refuses to download', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tokgap-hfhome-'));
  await assert.rejects(loadTokenizer('hub:a/b', { env: { HF_HOME: home, HF_HUB_OFFLINE: '1' } }), /HF_HUB_OFFLINE/);
});
