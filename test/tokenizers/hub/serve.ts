/** A local stand-in for the Hub: serves folders at `/{repo}/resolve/{revision}/{file}` on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export const FAKE_COMMIT = 'c0ffee0000000000000000000000000000000001';

export interface FakeHub {
  endpoint: string;
  /** Every path requested, in order. */
  requests: string[];
  /** Authorization headers seen. */
  auth: (string | undefined)[];
  close(): Promise<void>;
}

/** `repos` maps `owner/name` to a map of file name → absolute path of the file to serve. */
/** With `redirect`, files named in it answer 302 to `/cdn/...` (as the Hub does for LFS files); only the 302 carries X-Repo-Commit and X-Linked-Etag. */
export async function startFakeHub(repos: Record<string, Record<string, string>>, redirect: string[] = []): Promise<FakeHub> {
  const requests: string[] = [];
  const auth: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    requests.push(url);
    auth.push(req.headers.authorization);
    const cdn = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(url);
    if (cdn) {
      const path = repos[cdn[1]]?.[cdn[2]];
      if (path) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(path));
      else res.writeHead(404).end();
      return;
    }
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const path = m ? repos[m[1]]?.[m[3]] : undefined;
    if (!m || !path || !existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
      return;
    }
    const body = readFileSync(path);
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (redirect.includes(m[3])) {
      res.writeHead(302, { 'x-repo-commit': FAKE_COMMIT, 'x-linked-etag': `"${sha256}"`, 'x-linked-size': String(body.length), location: `/cdn/${m[1]}/${m[3]}` }).end();
      return;
    }
    res.writeHead(200, { 'x-repo-commit': FAKE_COMMIT, etag: `"${sha256.slice(0, 40)}"`, 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    auth,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const files = (dir: string, names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, join(dir, n)]));
