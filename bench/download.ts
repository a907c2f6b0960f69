/**
 * Download speed of the shared download helper (src/net) against a plain `fetch` → file, both
 * through the local hub mimic (hub on 127.0.0.1 answering 302 to a CDN on localhost), served from a
 * child process so that serving and receiving do not share one event loop, same run:
 *
 *   npm run bench:download [-- --mb 200 --reps 5 --warmup 1]
 *
 * Arms, each on a fresh target, taking turns, median of `reps` after `warmup` uncounted rounds:
 * - `fetch → file`: `fetch` (redirects followed by undici), body piped into a write stream;
 * - `fetch → file + sha256`: the same, hashing the bytes on the way (what the helper verifies);
 * - `downloadToFile`: streamed to `.part` with sha256 and size checked, then renamed;
 * - `downloadToFile, 1 drop`: the CDN drops the connection once halfway; the helper waits its
 *   first backoff (250 ms) and resumes with Range.
 * Prints MB/s (decimal MB) and each arm's ratio to the baseline.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { downloadToFile } from '../src/net/index.js';
import { startHubMimic, syntheticBytes } from '../test/helpers/hub-mimic.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : fallback;
}

const MB = arg('mb', 200);
const REPS = arg('reps', 5);
const WARMUP = arg('warmup', 1);
const size = Math.round(MB * 1e6);

type Message = { endpoint: string } | { ok: true };

if (process.argv.includes('--serve')) {
  // The server side: the mimic, told over IPC when to drop a connection.
  const hub = await startHubMimic({ 'bench/big': { files: { 'model.safetensors': syntheticBytes(size, 42) } } });
  process.on('message', (m: { drop?: number; close?: boolean }) => {
    if (m.drop !== undefined) hub.faults.drop.set('model.safetensors', { afterBytes: m.drop, times: 1 });
    if (m.close) void hub.close().then(() => process.exit(0));
    else process.send!({ ok: true } satisfies Message);
  });
  process.send!({ endpoint: hub.endpoint } satisfies Message);
} else {
  await main();
}

async function main(): Promise<void> {
const sha256 = createHash('sha256').update(syntheticBytes(size, 42)).digest('hex');
const server: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve', '--mb', String(MB)], { execArgv: ['--import', 'tsx'] });
const next = (): Promise<Message> => new Promise((r) => server.once('message', (m) => r(m as Message)));
const { endpoint } = (await next()) as { endpoint: string };
const control = async (m: object): Promise<void> => { const reply = next(); server.send(m); await reply; };
const url = `${endpoint}/bench/big/resolve/main/model.safetensors`;
const dir = mkdtempSync(join(tmpdir(), 'tokgap-bench-dl-'));

async function plainFetch(target: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(target));
}

/** The baseline plus the sha256 the helper computes, to tell the checksum's cost from the rest. */
async function plainFetchHashed(target: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  const hash = createHash('sha256');
  const source = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  source.on('data', (chunk: Buffer) => hash.update(chunk));
  await pipeline(source, createWriteStream(target));
  if (hash.digest('hex') !== sha256) throw new Error('fetch + sha256: wrong bytes');
}

async function helper(target: string): Promise<void> {
  await downloadToFile(url, target, { expectedSize: size, expectedSha256: sha256, progress: null });
}

async function helperWithDrop(target: string): Promise<void> {
  await control({ drop: size >> 1 });
  const r = await downloadToFile(url, target, { expectedSize: size, expectedSha256: sha256, progress: null });
  if (r.attempts !== 2) throw new Error(`expected one resume, got ${r.attempts} attempts`);
}

const arms: [string, (target: string) => Promise<void>][] = [
  ['fetch → file', plainFetch],
  ['fetch → file + sha256', plainFetchHashed],
  ['downloadToFile', helper],
  ['downloadToFile, 1 drop', helperWithDrop],
];

const results: { arm: string; mbPerS: number; seconds: number }[] = [];
const times = new Map<string, number[]>(arms.map(([arm]) => [arm, []]));
try {
  // Arms take turns within each repetition, so load from elsewhere on the machine hits them alike.
  for (let rep = -WARMUP; rep < REPS; rep++) {
    for (const [arm, run] of arms) {
      const target = join(dir, `${arm.replace(/\W+/g, '_')}-${rep + WARMUP}`);
      const t0 = performance.now();
      await run(target);
      if (rep >= 0) times.get(arm)!.push((performance.now() - t0) / 1000);
      if (statSync(target).size !== size) throw new Error(`${arm}: wrong size`);
      rmSync(target);
    }
  }
  for (const [arm] of arms) {
    const t = times.get(arm)!.sort((a, b) => a - b);
    const seconds = t[Math.floor(t.length / 2)]!;
    results.push({ arm, seconds, mbPerS: MB / seconds });
  }
} finally {
  server.send({ close: true });
  rmSync(dir, { recursive: true, force: true });
}

const base = results[0]!.mbPerS;
console.log(`${MB} MB synthetic file through the local hub mimic (302 → CDN), median of ${REPS} after ${WARMUP} warm-up; node ${process.version}`);
for (const r of results) console.log(`${r.arm.padEnd(24)} ${r.seconds.toFixed(3)} s  ${r.mbPerS.toFixed(0).padStart(5)} MB/s  ${(r.mbPerS / base).toFixed(2)}× fetch → file`);
}
