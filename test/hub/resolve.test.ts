import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';
import { startHubMimic, syntheticBytes } from '../helpers/hub-mimic.js';
import { resolveModel, type ResolveModelOptions } from '../../src/hub/index.js';
import { DownloadError, type PartSink } from '../../src/net/index.js';
import { isTokgapError } from '../../src/errors.js';

const tiny = goldenPath('tiny-xglm');
const CONFIG = readFileSync(join(tiny, 'config.json'));
const WEIGHTS = readFileSync(join(tiny, 'model.safetensors'));
const SPM = readFileSync(goldenPath('udhr-unigram-8k.model'));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const json = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v));

const shard1 = syntheticBytes(300_000, 7);
const shard2 = syntheticBytes(200_001, 8);
const binShard1 = syntheticBytes(150_000, 9);
const binShard2 = syntheticBytes(90_000, 10);
const big = syntheticBytes(3_000_000, 11);

const hub = await startHubMimic({
  'test/tiny-xglm': { files: { 'config.json': CONFIG, 'model.safetensors': WEIGHTS, 'sentencepiece.bpe.model': SPM, 'tokenizer_config.json': json({ tokenizer_class: 'XGLMTokenizer' }) } },
  'test/sharded-st': {
    files: {
      'config.json': CONFIG,
      'model.safetensors.index.json': json({ metadata: { total_size: 500_001 }, weight_map: { a: 'model-00001-of-00002.safetensors', b: 'model-00002-of-00002.safetensors', c: 'model-00001-of-00002.safetensors' } }),
      'model-00001-of-00002.safetensors': shard1, 'model-00002-of-00002.safetensors': shard2,
    },
  },
  'test/sharded-bin': {
    files: {
      'config.json': CONFIG,
      'pytorch_model.bin.index.json': json({ metadata: {}, weight_map: { a: 'pytorch_model-00001-of-00002.bin', b: 'pytorch_model-00002-of-00002.bin' } }),
      'pytorch_model-00001-of-00002.bin': binShard1, 'pytorch_model-00002-of-00002.bin': binShard2,
    },
  },
  'test/big': { files: { 'config.json': CONFIG, 'model.safetensors': big } },
  'test/no-weights': { files: { 'config.json': CONFIG, 'README.md': Buffer.from('# no weights') } },
  'test/gated': { files: { 'config.json': CONFIG, 'model.safetensors': WEIGHTS }, gatedToken: 'hf_letmein' },
});
after(() => hub.close());

const fast = { retry: { baseMs: 5, maxMs: 20 } };
function home(): { env: Record<string, string>; cache: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'tokgap-hf-'));
  return { root, cache: join(root, 'hub'), env: { HF_HOME: root, HF_ENDPOINT: hub.endpoint } };
}
const opts = (env: Record<string, string>, extra: ResolveModelOptions = {}): ResolveModelOptions => ({ env, progress: null, ...fast, ...extra });
const since = (n: number) => hub.requests.slice(n);
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : []);

test('hub model: config, weights and tokenizer files land in huggingface_hub\'s layout; Authorization never reaches the CDN', async () => {
  const h = home();
  const before = hub.requests.length;
  const got = await resolveModel('hub:test/tiny-xglm', opts({ ...h.env, HF_TOKEN: 'hf_secret' }));
  const commit = hub.commitOf('test/tiny-xglm');
  const repoDir = join(h.cache, 'models--test--tiny-xglm');
  assert.equal(got.dir, join(repoDir, 'snapshots', commit));
  assert.equal(got.commit, commit);
  assert.equal(got.format, 'safetensors');
  assert.deepEqual(got.downloaded.sort(), ['config.json', 'model.safetensors', 'sentencepiece.bpe.model', 'tokenizer_config.json']);
  assert.equal(readFileSync(join(repoDir, 'refs', 'main'), 'utf8'), commit); // bare hash, as huggingface_hub writes it

  // LFS blobs are named by sha256 (X-Linked-Etag), regular files by their git ETag; links are relative.
  const weights = join(got.dir, 'model.safetensors');
  assert.ok(lstatSync(weights).isSymbolicLink());
  assert.equal(readlinkSync(weights), `../../blobs/${sha256(WEIGHTS)}`);
  const gitEtag = createHash('sha1').update(`blob ${CONFIG.length}\0`).update(CONFIG).digest('hex');
  assert.equal(readlinkSync(join(got.dir, 'config.json')), `../../blobs/${gitEtag}`);
  assert.deepEqual(readFileSync(weights), WEIGHTS);
  assert.deepEqual(readdirSync(join(repoDir, 'blobs')).sort(), [sha256(WEIGHTS), sha256(SPM), gitEtag, createHash('sha1').update(`blob ${json({ tokenizer_class: 'XGLMTokenizer' }).length}\0`).update(json({ tokenizer_class: 'XGLMTokenizer' })).digest('hex')].sort());

  const reqs = since(before);
  const cdn = reqs.filter((r) => r.server === 'cdn');
  assert.ok(cdn.length >= 2, 'LFS files came from the CDN');
  assert.ok(cdn.every((r) => r.authorization === undefined), 'no Authorization on the CDN host');
  assert.ok(reqs.filter((r) => r.server === 'hub').every((r) => r.authorization === 'Bearer hf_secret'));
  assert.ok(reqs.some((r) => r.method === 'HEAD' && r.path === '/test/tiny-xglm/resolve/main/config.json'));
  assert.ok(reqs.filter((r) => r.method === 'GET').every((r) => r.server === 'cdn' || r.path.includes(`/resolve/${commit}/`)), 'GETs are pinned to the commit');

  // Second run: a branch costs one HEAD, a commit revision nothing; no bytes either way.
  const second = hub.requests.length;
  const again = await resolveModel('hub:test/tiny-xglm', opts(h.env));
  assert.equal(again.dir, got.dir);
  assert.deepEqual(again.downloaded, []);
  assert.deepEqual(since(second).map((r) => `${r.method} ${r.path}`), ['HEAD /test/tiny-xglm/resolve/main/config.json']);
  const third = hub.requests.length;
  await resolveModel(`hub:test/tiny-xglm@${commit}`, opts(h.env));
  assert.deepEqual(since(third), [], 'a commit revision with a complete snapshot makes no request');
});

test('hub model: sharded safetensors and sharded .bin repos fetch every shard their index names', async () => {
  const h = home();
  const st = await resolveModel('hub:test/sharded-st', opts(h.env));
  assert.equal(st.format, 'safetensors-sharded');
  assert.deepEqual(readFileSync(join(st.dir, 'model-00001-of-00002.safetensors')), Buffer.from(shard1));
  assert.deepEqual(readFileSync(join(st.dir, 'model-00002-of-00002.safetensors')), Buffer.from(shard2));
  assert.ok(existsSync(join(st.dir, 'model.safetensors.index.json')));
  const bin = await resolveModel('hub:test/sharded-bin', opts(h.env));
  assert.equal(bin.format, 'torch-sharded');
  assert.deepEqual(readFileSync(join(bin.dir, 'pytorch_model-00001-of-00002.bin')), Buffer.from(binShard1));
  assert.deepEqual(readFileSync(join(bin.dir, 'pytorch_model-00002-of-00002.bin')), Buffer.from(binShard2));
  assert.ok(!existsSync(join(bin.dir, 'model.safetensors')));
});

test('hub model: a connection dropped mid-file resumes with Range and ends with the exact bytes', async () => {
  const h = home();
  hub.faults.drop.set('model.safetensors', { afterBytes: 1_000_000, times: 1 });
  const before = hub.requests.length;
  const got = await resolveModel('hub:test/big', opts(h.env));
  const gets = since(before).filter((r) => r.server === 'cdn');
  assert.equal(gets.length, 2);
  assert.equal(gets[0]!.range, undefined);
  // It resumes where its `.part` ends: at most the bytes sent before the drop (some may be lost in flight).
  const resumedAt = Number(/^bytes=(\d+)-$/.exec(gets[1]!.range ?? '')?.[1]);
  assert.ok(resumedAt > 0 && resumedAt <= 1_000_000, gets[1]!.range);
  assert.equal(gets[1]!.status, 206);
  assert.equal(sha256(readFileSync(join(got.dir, 'model.safetensors'))), sha256(big));
});

test('hub model: a .part left by an earlier run (dropped connection, retries spent) is resumed by the next run', async () => {
  const h = home();
  hub.faults.drop.set('model.safetensors', { afterBytes: 1_234_567, times: 1 });
  const blob = join(h.cache, 'models--test--big', 'blobs', sha256(big));
  await assert.rejects(resolveModel('hub:test/big', opts(h.env, { retry: { retries: 0 } })), (e: unknown) => {
    assert.ok(e instanceof DownloadError, String(e));
    assert.equal(e.kind, 'broken');
    assert.equal(e.partFile, `${blob}.part`);
    return true;
  });
  // What reached the disk before the drop (bytes in flight may be lost).
  const kept = statSync(`${blob}.part`).size;
  assert.ok(kept > 0 && kept <= 1_234_567, String(kept));
  assert.ok(!existsSync(join(h.cache, 'models--test--big', 'snapshots', hub.commitOf('test/big'), 'model.safetensors')));
  const before = hub.requests.length;
  const got = await resolveModel('hub:test/big', opts(h.env));
  assert.deepEqual(since(before).filter((r) => r.server === 'cdn').map((r) => r.range), [`bytes=${kept}-`]);
  assert.equal(sha256(readFileSync(join(got.dir, 'model.safetensors'))), sha256(big));
  assert.ok(!existsSync(`${blob}.part`));
});

test('hub model: a stalled transfer times out (and is retried, resuming, within the bounded attempts)', async () => {
  const h = home();
  hub.faults.stall.set('model.safetensors', { afterBytes: 500_000, times: 5 });
  await assert.rejects(resolveModel('hub:test/big', opts(h.env, { stallTimeoutMs: 150, retry: { retries: 1, baseMs: 5 } })), (e: unknown) => {
    assert.ok(e instanceof DownloadError, String(e));
    assert.equal(e.kind, 'stalled');
    assert.match(e.message, /stalled: no byte for 0\.15 s.*after 2 attempts/);
    return true;
  });
  hub.faults.stall.clear();
  const got = await resolveModel('hub:test/big', opts(h.env));
  assert.equal(sha256(readFileSync(join(got.dir, 'model.safetensors'))), sha256(big));
});

test('hub model: bytes that do not match X-Linked-Etag are an error; nothing appears in snapshots/ or blobs/', async () => {
  const h = home();
  hub.faults.corrupt.add('model.safetensors');
  try {
    await assert.rejects(resolveModel('hub:test/tiny-xglm', opts(h.env)), (e: unknown) => {
      assert.ok(e instanceof DownloadError, String(e));
      assert.equal(e.kind, 'mismatch');
      assert.match(e.message, new RegExp(`not the expected ${sha256(WEIGHTS)}`));
      return true;
    });
  } finally {
    hub.faults.corrupt.clear();
  }
  const repoDir = join(h.cache, 'models--test--tiny-xglm');
  assert.ok(!filesUnder(join(repoDir, 'snapshots')).some((f) => f.endsWith('model.safetensors')));
  assert.ok(!filesUnder(join(repoDir, 'blobs')).some((f) => f.startsWith(sha256(WEIGHTS))), 'neither blob nor .part');
});

test('hub model: 503 and 429 answers are retried (Retry-After honoured), then the file comes', async () => {
  const h = home();
  hub.faults.fail.set('model.safetensors', { status: 503, times: 2 });
  hub.faults.fail.set('config.json', { status: 429, times: 1, retryAfter: '0' });
  const got = await resolveModel('hub:test/tiny-xglm', opts(h.env));
  assert.deepEqual(readFileSync(join(got.dir, 'model.safetensors')), WEIGHTS);
  assert.equal(hub.faults.fail.get('model.safetensors')!.times, 0);
  hub.faults.fail.set('model.safetensors', { status: 503, times: 10 });
  try {
    await assert.rejects(resolveModel('hub:test/big', opts(home().env, { retry: { retries: 2, baseMs: 1 } })), (e: unknown) => e instanceof DownloadError && /HTTP 503 after 3 attempts/.test(e.message));
  } finally {
    hub.faults.fail.clear();
  }
});

test('hub model: a full disk keeps the .part and the next run resumes it (the failing write is injected through openPart)', async () => {
  const h = home();
  // Injected rather than a tmpfs mount, so the test needs no privileges: writes fail with ENOSPC once 800 kB are on disk.
  const { open } = await import('node:fs/promises');
  const fullAt = 800_000;
  const fullDisk = async (path: string, append: boolean): Promise<PartSink> => {
    const handle = await open(path, append ? 'a' : 'w');
    let size = (await handle.stat()).size;
    return {
      async write(chunk) {
        const room = fullAt - size;
        if (room < chunk.byteLength) {
          if (room > 0) await handle.write(chunk.subarray(0, room));
          size = fullAt;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        await handle.write(chunk);
        size += chunk.byteLength;
      },
      close: () => handle.close(),
    };
  };
  const blob = join(h.cache, 'models--test--big', 'blobs', sha256(big));
  await assert.rejects(resolveModel('hub:test/big', opts(h.env, { openPart: fullDisk })), (e: unknown) => {
    assert.ok(e instanceof DownloadError, String(e));
    assert.equal(e.kind, 'disk');
    assert.match(e.message, /ENOSPC/);
    assert.match(e.message, /run again to resume/);
    return true;
  });
  assert.equal(statSync(`${blob}.part`).size, fullAt);
  const before = hub.requests.length;
  const got = await resolveModel('hub:test/big', opts(h.env));
  assert.deepEqual(since(before).filter((r) => r.server === 'cdn').map((r) => r.range), [`bytes=${fullAt}-`]);
  assert.equal(sha256(readFileSync(join(got.dir, 'model.safetensors'))), sha256(big));
});

test('hub model: a real full disk (a 1 MiB tmpfs) keeps the .part through the file writer; after the disk grows the next run resumes', { skip: process.getuid?.() !== 0 ? 'mounting a tmpfs needs root' : false }, async () => {
  const mnt = mkdtempSync(join(tmpdir(), 'tokgap-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
  try {
    const env = { HF_HOME: mnt, HF_ENDPOINT: hub.endpoint };
    const blob = join(mnt, 'hub', 'models--test--big', 'blobs', sha256(big));
    await assert.rejects(resolveModel('hub:test/big', opts(env)), (e: unknown) => {
      assert.ok(e instanceof DownloadError, String(e));
      assert.equal(e.kind, 'disk');
      assert.match(e.message, /ENOSPC/);
      return true;
    });
    const kept = statSync(`${blob}.part`).size;
    assert.ok(kept > 0 && kept < big.length, String(kept));
    execFileSync('mount', ['-o', 'remount,size=16m', mnt]);
    const before = hub.requests.length;
    const got = await resolveModel('hub:test/big', opts(env));
    assert.deepEqual(since(before).filter((r) => r.server === 'cdn').map((r) => r.range), [`bytes=${kept}-`]);
    assert.equal(sha256(readFileSync(join(got.dir, 'model.safetensors'))), sha256(big));
  } finally {
    execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  }
});

test('hub model: HF_HUB_OFFLINE serves a complete snapshot with no request and names what a miss lacks', async () => {
  const h = home();
  await resolveModel('hub:test/tiny-xglm', opts(h.env));
  const before = hub.requests.length;
  const offline = { ...h.env, HF_HUB_OFFLINE: '1' };
  const got = await resolveModel('hub:test/tiny-xglm', opts(offline));
  assert.equal(got.commit, hub.commitOf('test/tiny-xglm'));
  assert.deepEqual(since(before), []);
  await assert.rejects(resolveModel('hub:test/sharded-st', opts(offline)), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'NOT_FOUND');
    assert.match(e.message, /test\/sharded-st@main is not in the HF cache and HF_HUB_OFFLINE is set/);
    return true;
  });
  // A snapshot missing a shard: the error names the shard.
  await resolveModel('hub:test/sharded-st', opts(h.env));
  const mid = hub.requests.length;
  const snap = join(h.cache, 'models--test--sharded-st', 'snapshots', hub.commitOf('test/sharded-st'));
  rmSync(join(snap, 'model-00002-of-00002.safetensors'));
  await assert.rejects(resolveModel('hub:test/sharded-st', opts(offline)), /incomplete in the HF cache.*missing: model-00002-of-00002\.safetensors/);
  assert.deepEqual(since(mid), [], 'offline runs make no request');
});

test('hub model: a snapshot of plain files (what earlier tokgap versions wrote) is read as it is', async () => {
  const h = home();
  const commit = 'c0ffee0000000000000000000000000000000001';
  const snap = join(h.cache, 'models--legacy--plain', 'snapshots', commit);
  mkdirSync(snap, { recursive: true });
  writeFileSync(join(snap, 'config.json'), CONFIG);
  writeFileSync(join(snap, 'model.safetensors'), WEIGHTS);
  mkdirSync(join(h.cache, 'models--legacy--plain', 'refs'), { recursive: true });
  writeFileSync(join(h.cache, 'models--legacy--plain', 'refs', 'main'), commit);
  const got = await resolveModel('hub:legacy/plain', opts({ ...h.env, HF_HUB_OFFLINE: 'true' }));
  assert.equal(got.dir, snap);
  assert.equal((await resolveModel(`hub:legacy/plain@${commit}`, opts({ ...h.env, HF_ENDPOINT: 'http://127.0.0.1:9' }))).dir, snap);
});

test('hub model: a gated repo answers 401 without a token; HF_TOKEN and the token file both open it', async () => {
  const h = home();
  await assert.rejects(resolveModel('hub:test/gated', opts(h.env)), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'HUB_ACCESS');
    assert.match(e.message, /gated or private.*HTTP 401/);
    assert.match(e.message, /huggingface-cli login.*HF_TOKEN/);
    return true;
  });
  await assert.rejects(resolveModel('hub:test/gated', opts({ ...h.env, HF_TOKEN: 'hf_wrong' })), /refused the token sent/);
  const viaEnv = await resolveModel('hub:test/gated', opts({ ...h.env, HF_TOKEN: 'hf_letmein' }));
  assert.deepEqual(readFileSync(join(viaEnv.dir, 'model.safetensors')), WEIGHTS);

  const h2 = home();
  writeFileSync(join(h2.root, 'token'), 'hf_letmein\n');
  const before = hub.requests.length;
  const viaFile = await resolveModel('hub:test/gated', opts(h2.env));
  assert.deepEqual(readFileSync(join(viaFile.dir, 'model.safetensors')), WEIGHTS);
  assert.ok(since(before).filter((r) => r.server === 'hub').every((r) => r.authorization === 'Bearer hf_letmein'));
  assert.ok(since(before).filter((r) => r.server === 'cdn').every((r) => r.authorization === undefined));
});

test('hub model: unknown revision, unknown repo and a repo without weights are clear errors that leave no snapshot', async () => {
  const h = home();
  await assert.rejects(resolveModel('hub:test/tiny-xglm@no-such-branch', opts(h.env)), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'NOT_FOUND');
    assert.match(e.message, /revision "no-such-branch" does not exist in test\/tiny-xglm/);
    return true;
  });
  await assert.rejects(resolveModel('hub:nobody/nothing', opts(h.env)), /repository nobody\/nothing does not exist/);
  await assert.rejects(resolveModel('hub:test/no-weights', opts(h.env)), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.match(e.message, /test\/no-weights@main has no weights/);
    assert.match(e.message, /model\.safetensors, model\.safetensors\.index\.json, pytorch_model\.bin, pytorch_model\.bin\.index\.json/);
    return true;
  });
  const weightsInSnapshots = filesUnder(join(h.cache, 'models--test--no-weights', 'snapshots')).filter((f) => /safetensors|\.bin/.test(f));
  assert.deepEqual(weightsInSnapshots, []);
  assert.ok(!existsSync(join(h.cache, 'models--test--tiny-xglm', 'snapshots')));
});

test('hub model: no network while HF_HUB_OFFLINE is unset is a clear error suggesting HF_HUB_OFFLINE or HF_ENDPOINT', async () => {
  // A port that was just free: nothing listens there, so the connection is refused.
  const port = await new Promise<number>((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => r(p)); }); });
  const h = home();
  await assert.rejects(resolveModel('hub:test/tiny-xglm', opts({ ...h.env, HF_ENDPOINT: `http://127.0.0.1:${port}` })), (e: unknown) => {
    assert.ok(e instanceof DownloadError, String(e));
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /cannot reach the hub at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(e.message, /HF_HUB_OFFLINE=1.*HF_ENDPOINT/);
    return true;
  });
  // With a complete snapshot cached under refs/main, an unreachable hub falls back to it.
  await resolveModel('hub:test/tiny-xglm', opts(h.env));
  const notes: string[] = [];
  const got = await resolveModel('hub:test/tiny-xglm', opts({ ...h.env, HF_ENDPOINT: `http://127.0.0.1:${port}` }, { onNote: (n) => notes.push(n) }));
  assert.equal(got.commit, hub.commitOf('test/tiny-xglm'));
  assert.match(notes[0]!, /unreachable; using the cached snapshot/);
});

test('folder spec: the folder itself; a missing folder is "model folder not found", not a tokenizer complaint', async () => {
  const got = await resolveModel(tiny);
  assert.equal(got.dir, realpathSync(tiny));
  assert.equal(got.source, 'folder');
  assert.equal(got.format, 'safetensors');
  await assert.rejects(resolveModel(join(tiny, 'nope')), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'NOT_FOUND');
    assert.match(e.message, /nope: model folder not found.*hub:OWNER\/NAME\[@REVISION\]/);
    return true;
  });
  await assert.rejects(resolveModel('hub:not a repo'), /is not a Hub repository/);
});
