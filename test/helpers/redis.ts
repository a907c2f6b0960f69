/**
 * A throwaway Debian `redis-server` for queue tests: 127.0.0.1, a free random port, an empty data
 * folder (AOF with fsync on every write when asked), stopped and removed afterwards. Without
 * redis-server a test skips saying why; under `CI=true` it fails instead (`.ci/run` installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export const REDIS_SERVER = '/usr/bin/redis-server';

const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
/** `redis-server --version`'s line, or undefined when it cannot run. */
export const redisVersion: string | undefined = probe.status === 0 ? probe.stdout.trim() : undefined;

export interface TestRedis {
  /** `redis://127.0.0.1:PORT/0`. */
  url: string;
  port: number;
  /** Its data folder (AOF files). */
  dir: string;
  /** SIGKILL the server (no shutdown save) and wait until it is gone. */
  kill(): Promise<void>;
  /** Start it again on the same port and data folder (AOF is replayed). */
  start(): Promise<void>;
  /** Stop it and remove the data folder. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, open: boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (isOpen === open) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not ${open ? 'start' : 'stop'} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Start a redis-server for this test, or skip the test (undefined) where there is none. Under
 * CI=true a missing redis-server throws: queue tests must never silently go missing.
 */
export async function startTestRedis(t: TestContext, options: { aof?: boolean } = {}): Promise<TestRedis | undefined> {
  if (redisVersion === undefined) {
    if (process.env.CI === 'true') throw new Error(`${REDIS_SERVER} cannot run (CI=true: install Debian's redis-server; .ci/run does)`);
    t.skip(`${REDIS_SERVER} not available (apt install redis-server); queue test skipped`);
    return undefined;
  }
  return startRedisServer(options);
}

/** Start a redis-server on a free loopback port with an empty data folder (also used by bench/queue.ts). */
export async function startRedisServer(options: { aof?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-redis-'));
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no',
    '--protected-mode', 'yes', '--logfile', join(dir, 'redis.log'),
    ...(options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    await waitForPort(port, true);
  };
  const kill = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    child = undefined;
    await waitForPort(port, false);
  };
  await start();
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}/0`, port, dir, kill, start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return redis;
}
