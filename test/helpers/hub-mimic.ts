/**
 * A local stand-in for the Hugging Face hub and its CDN, on random ports, for download tests.
 *
 * The hub (`http://127.0.0.1:P`) answers HEAD and GET of `/{owner}/{name}/resolve/{revision}/{file}`
 * as huggingface.co does: `X-Repo-Commit` always; a regular file with its `ETag` and body; an LFS
 * file with `X-Linked-Etag` (its sha256) and `X-Linked-Size` and a 302 to the CDN, which lives on a
 * different host name (`http://localhost:Q`), so a client that forwards `Authorization` across
 * hosts is caught. Errors carry the hub's `X-Error-Code`: 401 GatedRepo without the right token,
 * 404 RepoNotFound / RevisionNotFound / EntryNotFound. Both servers serve `Range` as 206.
 *
 * Faults, set per file name and consumed as they fire: drop the connection after N bytes, stall
 * after N bytes (send nothing more, keep the socket), serve corrupted bytes, answer 503/429 a few
 * times (with an optional Retry-After).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MimicRepo {
  files: Record<string, Uint8Array>;
  /** Files served through LFS (302 to the CDN); default: anything not ending in .json/.txt/.md. */
  lfs?: (file: string) => boolean;
  /** Requires `Authorization: Bearer <token>`. */
  gatedToken?: string;
  /** Branch or tag names besides `main` (all point to the one commit). */
  branches?: string[];
}

export interface MimicRequest {
  server: 'hub' | 'cdn';
  method: string;
  path: string;
  authorization?: string;
  range?: string;
  /** The status answered (set once the response closes). */
  status?: number;
}

export interface Faults {
  /** Send this many bytes of the file's body, then destroy the socket; `times` answers. */
  drop: Map<string, { afterBytes: number; times: number }>;
  /** Send this many bytes, then nothing more (the socket stays open). */
  stall: Map<string, { afterBytes: number; times: number }>;
  /** Serve these files with one byte flipped. */
  corrupt: Set<string>;
  /** Answer the GET of the file's bytes with this status, `times` times. */
  fail: Map<string, { status: number; times: number; retryAfter?: string }>;
}

export interface HubMimic {
  endpoint: string;
  cdn: string;
  requests: MimicRequest[];
  faults: Faults;
  commitOf(repo: string): string;
  /** Requests that carried file bytes (GETs answered 200/206). */
  bodyRequests(): MimicRequest[];
  close(): Promise<void>;
}

const memo = <T>(f: (b: Uint8Array) => T): ((b: Uint8Array) => T) => {
  const seen = new WeakMap<Uint8Array, T>();
  return (b) => { if (!seen.has(b)) seen.set(b, f(b)); return seen.get(b)!; };
};
// Hashed once per file: a 200 MB file would otherwise cost a second per request.
const sha256 = memo((b) => createHash('sha256').update(b).digest('hex'));
/** Git's blob id, which the hub sends as the ETag of a regular file. */
const gitSha1 = memo((b) => createHash('sha1').update(`blob ${b.byteLength}\0`).update(b).digest('hex'));
const defaultLfs = (file: string): boolean => !/\.(json|txt|md)$/.test(file);

export async function startHubMimic(repos: Record<string, MimicRepo>): Promise<HubMimic> {
  const requests: MimicRequest[] = [];
  const faults: Faults = { drop: new Map(), stall: new Map(), corrupt: new Set(), fail: new Map() };
  const commitOf = (repo: string): string => createHash('sha1').update(`commit ${repo}`).digest('hex');
  const byHash = new Map<string, { file: string; body: Uint8Array }>();
  for (const repo of Object.values(repos)) for (const [file, body] of Object.entries(repo.files)) byHash.set(sha256(body), { file, body });
  const sockets = new Set<Socket>();

  const log = (server: 'hub' | 'cdn', req: IncomingMessage, res: ServerResponse): void => {
    const entry: MimicRequest = {
      server, method: req.method ?? 'GET', path: decodeURIComponent(req.url ?? ''),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers.range ? { range: req.headers.range } : {}),
    };
    requests.push(entry);
    res.on('close', () => { entry.status = res.statusCode; });
  };

  /** The bytes of `file`, honouring Range and the faults. */
  const sendBytes = (req: IncomingMessage, res: ServerResponse, file: string, original: Uint8Array, headers: Record<string, string>): void => {
    const fail = faults.fail.get(file);
    if (req.method === 'GET' && fail && fail.times > 0) {
      fail.times--;
      res.writeHead(fail.status, fail.retryAfter !== undefined ? { 'retry-after': fail.retryAfter } : {}).end();
      return;
    }
    let body = original;
    if (faults.corrupt.has(file)) {
      body = Uint8Array.from(original);
      body[body.length >> 1] = (body[body.length >> 1]! + 1) & 0xff;
    }
    const size = body.byteLength;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = size - 1;
    let status = 200;
    const h: Record<string, string> = { ...headers, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size) {
        res.writeHead(416, { ...h, 'content-range': `bytes */${size}` }).end();
        return;
      }
      status = 206;
      h['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    h['content-length'] = String(end - start + 1);
    res.writeHead(status, h);
    if (req.method === 'HEAD') { res.end(); return; }
    const slice = body.subarray(start, end + 1);
    const drop = faults.drop.get(file);
    const stall = faults.stall.get(file);
    if (drop && drop.times > 0 && drop.afterBytes - start < slice.byteLength) {
      drop.times--;
      res.write(slice.subarray(0, Math.max(0, drop.afterBytes - start)), () => res.destroy());
      return;
    }
    if (stall && stall.times > 0 && stall.afterBytes - start < slice.byteLength) {
      stall.times--;
      res.write(slice.subarray(0, Math.max(0, stall.afterBytes - start)));
      return; // never ends; the client must give up
    }
    res.end(slice);
  };

  let cdnBase = '';
  const hub: Server = createServer((req, res) => {
    log('hub', req, res);
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent((req.url ?? '').split('?')[0]!));
    if (!m) { res.writeHead(404).end(); return; }
    const [, name, revision, file] = m as unknown as [string, string, string, string];
    const repo = repos[name];
    if (!repo) { res.writeHead(404, { 'x-error-code': 'RepoNotFound' }).end('Repository not found'); return; }
    if (repo.gatedToken !== undefined && req.headers.authorization !== `Bearer ${repo.gatedToken}`) {
      res.writeHead(401, { 'x-error-code': 'GatedRepo' }).end('Access to this repository is restricted');
      return;
    }
    const commit = commitOf(name);
    if (revision !== 'main' && revision !== commit && !(repo.branches ?? []).includes(revision)) {
      res.writeHead(404, { 'x-error-code': 'RevisionNotFound' }).end('Revision not found');
      return;
    }
    const body = repo.files[file];
    if (!body) { res.writeHead(404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': commit }).end('Entry not found'); return; }
    if ((repo.lfs ?? defaultLfs)(file)) {
      const hash = sha256(body);
      res.writeHead(302, {
        'x-repo-commit': commit, 'x-linked-etag': `"${hash}"`, 'x-linked-size': String(body.byteLength),
        etag: `"${gitSha1(body)}"`, location: `${cdnBase}/cdn/${hash}?name=${encodeURIComponent(file)}`, 'content-length': '0',
      }).end();
      return;
    }
    sendBytes(req, res, file, body, { 'x-repo-commit': commit, etag: `"${gitSha1(body)}"` });
  });
  const cdn: Server = createServer((req, res) => {
    log('cdn', req, res);
    const m = /^\/cdn\/([0-9a-f]{64})/.exec(req.url ?? '');
    const hit = m ? byHash.get(m[1]!) : undefined;
    if (!hit) { res.writeHead(404).end(); return; }
    sendBytes(req, res, hit.file, hit.body, {});
  });
  for (const s of [hub, cdn]) s.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  cdnBase = `http://localhost:${(cdn.address() as AddressInfo).port}`;
  return {
    endpoint,
    cdn: cdnBase,
    requests,
    faults,
    commitOf,
    bodyRequests: () => requests.filter((r) => r.method === 'GET' && (r.status === 200 || r.status === 206)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([hub, cdn].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

/** Deterministic pseudo-random bytes (xorshift32), for synthetic weight files. */
export function syntheticBytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff; out[i + 1] = (x >>> 8) & 0xff; out[i + 2] = (x >>> 16) & 0xff; out[i + 3] = (x >>> 24) & 0xff;
  }
  return out;
}
