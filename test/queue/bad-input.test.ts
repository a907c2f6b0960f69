/** Bad queue input: one clear line, a non-zero exit status from the table, never a stack trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { freePort, startTestRedis } from '../helpers/redis.js';
import { cliSync } from '../helpers/queue.js';
import { parseQueueUrl } from '../../src/queue/url.js';
import { QUEUE_KEYS } from '../../src/queue/connection.js';

const noTrace = (stderr: string): void => {
  assert.doesNotMatch(stderr, /\n\s+at |internal error/);
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
};

test('queue URLs: redis:// and rediss:// with host, port, db and credentials; anything else is refused by name', () => {
  assert.deepEqual(parseQueueUrl('redis://10.0.0.5:6380/2'), { url: 'redis://10.0.0.5:6380/2', display: 'redis://10.0.0.5:6380/2', host: '10.0.0.5', port: 6380, db: 2, tls: false });
  const secure = parseQueueUrl('rediss://tokgap:s%40cret@redis.example.org');
  assert.deepEqual([secure.tls, secure.port, secure.db, secure.username, secure.password, secure.display], [true, 6379, 0, 'tokgap', 's@cret', 'rediss://tokgap:***@redis.example.org/0']);
  for (const [given, why] of [['localhost:6379', /starts with redis:\/\//], ['http://h:1', /http:\/\/ is not a Redis URL/], ['redis://h/x', /\/x is not a database number/],
    ['', /an empty value/], ['redis://h:99999', /not a valid URL/], ['redis://h/0?queue=a', /query and fragment/]] as const) {
    assert.throws(() => parseQueueUrl(given), (e: Error & { code?: string }) => e.code === 'INVALID_OPTION' && why.test(e.message), given);
  }
});

test('a URL without redis:// and an unreachable Redis: exit 2 and 3 with one line each', async () => {
  const scheme = cliSync(['worker', '--queue', 'localhost:6379']);
  assert.equal(scheme.status, 2);
  assert.match(scheme.stderr, /^error: --queue was given "localhost:6379": a URL starts with redis:\/\//);
  noTrace(scheme.stderr);
  const port = await freePort();
  for (const args of [['queue', 'status'], ['worker'], ['tune', '--task', 'pos', '--langs', 'en', '--model', 'm']]) {
    const r = cliSync([...args, '--queue', `redis://127.0.0.1:${port}/0`]);
    assert.equal(r.status, 3, `${args[0]}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^error: cannot reach the queue at redis://127\\.0\\.0\\.1:${port}/0: connection refused`));
    noTrace(r.stderr);
  }
});

test("a Redis holding another tokgap version's queue is refused (exit 2) until it is emptied", async (t) => {
  const redis = await startTestRedis(t);
  if (!redis) return;
  const client = new Redis({ host: '127.0.0.1', port: redis.port });
  try {
    await client.set(QUEUE_KEYS.stamp, JSON.stringify({ tokgap: '0.0.1', format: 1 }));
    for (const args of [['queue', 'status'], ['worker'], ['queue', 'collect', '--results', '/tmp/never.jsonl']]) {
      const r = cliSync([...args, '--queue', redis.url]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`^error: the queue at ${redis.url.replace(/[/.]/g, '\\$&')} belongs to tokgap 0\\.0\\.1, this is tokgap \\d`));
      noTrace(r.stderr);
    }
    const drained = cliSync(['queue', 'drain', '--all', '--queue', redis.url]);
    assert.equal(drained.status, 0, drained.stderr);
    assert.equal(cliSync(['queue', 'status', '--queue', redis.url]).status, 0);
  } finally {
    client.disconnect();
    await redis.stop();
  }
});
