import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { backoffMs, DEFAULT_RETRY, isTransientStatus, retryAfterMs } from '../../src/net/retry.js';
import { formatBytes, terminalDownloadProgress } from '../../src/net/progress.js';

test('retry: Retry-After in seconds or as an HTTP date, capped; otherwise doubling waits up to the bound', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((a) => backoffMs(DEFAULT_RETRY, a)), [250, 500, 1000, 2000, 4000, 8000, 8000]);
  assert.equal(backoffMs(DEFAULT_RETRY, 0, 5000), 5000);
  assert.equal(backoffMs(DEFAULT_RETRY, 0, 3_600_000), 60_000);
  assert.deepEqual([429, 500, 503, 404, 401, 416].map(isTransientStatus), [true, true, true, false, false, false]);
});

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const w = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } }) as unknown as NodeJS.WriteStream;
  Object.assign(w, { isTTY, columns: 120, cursorTo: (x: number, _y?: unknown, cb?: () => void) => { out += `\u001b[${x}G`; cb?.(); return true; }, clearLine: (_d: number, cb?: () => void) => { cb?.(); return true; }, moveCursor: () => true });
  return { stream: w, text: () => out };
}

test('progress: bytes, rate and ETA on a terminal; nothing when stderr is not a TTY', () => {
  const tty = fakeStream(true);
  const p = terminalDownloadProgress(tty.stream);
  p.start('test/x model.safetensors', 2_000_000, 500_000);
  p.update(1_500_000);
  p.stop();
  assert.match(tty.text(), /1\.50 MB \/ 2\.00 MB .*\/s {2}ETA .* test\/x model\.safetensors/);
  const pipe = fakeStream(false);
  const q = terminalDownloadProgress(pipe.stream);
  q.start('x', 10, 0);
  q.update(10);
  q.stop();
  assert.equal(pipe.text(), '');
  assert.deepEqual([0, 999, 1000, 2_260_000_000].map(formatBytes), ['0 B', '999 B', '1.00 kB', '2.26 GB']);
});
