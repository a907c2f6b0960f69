/**
 * One Redis behind every queue command: a fast preflight (reachable, credentials, same tokgap
 * version) before any work starts, then BullMQ's `Queue` and a plain client for the rows, both
 * reconnecting by themselves if Redis goes away later.
 */
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { tokgapVersion } from '../util/version.js';
import { QueueUnreachableError, QueueVersionError } from './errors.js';
import { parseQueueUrl, type QueueUrl } from './url.js';

/** BullMQ's key prefix and queue name: its keys are `tokgap:tune:*`. */
export const QUEUE_PREFIX = 'tokgap';
export const QUEUE_NAME = 'tune';
/** tokgap's own keys beside BullMQ's. */
export const QUEUE_KEYS = {
  /** Hash: resultKey(row) → the row as JSON, written once per cell (HSETNX). */
  rows: `${QUEUE_PREFIX}:rows`,
  /** String: the JSON `QueueStamp` of the tokgap that created the queue. */
  stamp: `${QUEUE_PREFIX}:version`,
} as const;
/** Layout of job data and keys; a change refuses queues of the old layout. */
export const QUEUE_FORMAT = 1;

export interface QueueStamp {
  tokgap: string;
  format: number;
}

/** The stamp of this tokgap. */
export function ourStamp(): QueueStamp {
  return { tokgap: tokgapVersion(), format: QUEUE_FORMAT };
}

/** ioredis options for a queue URL; `extra` adds the client's own (retry policy, …). */
export function redisOptions(url: QueueUrl, extra: RedisOptions = {}): RedisOptions {
  return {
    host: url.host, port: url.port, db: url.db,
    ...(url.username !== undefined ? { username: url.username } : {}),
    ...(url.password !== undefined ? { password: url.password } : {}),
    ...(url.tls ? { tls: { servername: url.host } } : {}),
    ...extra,
  };
}

/** Why a connection failed, in words (ioredis errors carry Node's `code`). */
function _why(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'connection refused (is redis-server running there?)';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'unknown host';
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return 'no answer (timed out)';
  if (/NOAUTH|WRONGPASS|invalid username-password/i.test(e.message ?? '')) return 'Redis refused the credentials (give USER:PASSWORD in the URL)';
  return (e.message ?? String(error)).split('\n')[0]!;
}

export interface PreflightOptions {
  /** Skip the version check (emptying a foreign queue must still be possible). */
  anyVersion?: boolean;
  /** Connection timeout (default 5 s). */
  timeoutMs?: number;
}

/**
 * Connect once without retries: a clear error now, instead of a client that retries forever.
 * Stamps an empty queue with this version; refuses one stamped by another.
 */
export async function preflightQueue(url: QueueUrl, options: PreflightOptions = {}): Promise<void> {
  const client = new Redis(redisOptions(url, {
    lazyConnect: true, connectTimeout: options.timeoutMs ?? 5000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null,
  }));
  // The socket's own error (ECONNREFUSED, …) comes as an event; the rejected promise only says "closed".
  let socketError: unknown;
  client.on('error', (error) => { socketError ??= error; });
  try {
    try {
      await client.connect();
      await client.ping();
    } catch (cause) {
      throw new QueueUnreachableError(url.display, _why(socketError ?? cause), { cause: socketError ?? cause });
    }
    if (options.anyVersion) return;
    const ours = JSON.stringify(ourStamp());
    await client.set(QUEUE_KEYS.stamp, ours, 'NX');
    const found = await client.get(QUEUE_KEYS.stamp);
    if (found !== ours) {
      let theirs = found ?? 'unknown';
      try {
        const stamp = JSON.parse(found ?? '') as Partial<QueueStamp>;
        theirs = `${stamp.tokgap ?? 'unknown'}${stamp.format !== QUEUE_FORMAT ? ` (queue format ${stamp.format ?? '?'})` : ''}`;
      } catch { /* not ours at all: shown as found */ }
      throw new QueueVersionError(url.display, theirs, tokgapVersion());
    }
  } finally {
    client.disconnect();
  }
}

/** A checked connection: the BullMQ queue and a client for tokgap's own keys. */
export interface QueueConnection {
  url: QueueUrl;
  queue: Queue;
  redis: Redis;
  close(): Promise<void>;
}

/** Parse, preflight and open the queue. Later connection losses are retried (ioredis reconnects). */
export async function openQueue(given: string | QueueUrl, options: PreflightOptions = {}): Promise<QueueConnection> {
  const url = typeof given === 'string' ? parseQueueUrl(given) : given;
  await preflightQueue(url, options);
  const redis = new Redis(redisOptions(url, { maxRetriesPerRequest: null }));
  // Connection errors surface as failed commands (retried by the callers); the event itself is only noise.
  redis.on('error', () => undefined);
  // BullMQ shares the client; closing the queue leaves it to us.
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: QUEUE_PREFIX });
  queue.on('error', () => undefined);
  return {
    url, queue, redis,
    close: async () => {
      await queue.close();
      redis.disconnect();
    },
  };
}
