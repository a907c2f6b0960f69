import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSafetensors } from '../../../src/tuning/safetensors/read.js';

test('a tensor past 2 GiB is read by its byte range alone (sparse 2.5 GB file, never read whole)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-large-'));
  try {
    const big = 625_000_000; // float32 values: 2.5 GB, left as a hole in the file
    const header = JSON.stringify({
      big: { dtype: 'F32', shape: [big], data_offsets: [0, big * 4] },
      tail: { dtype: 'F32', shape: [3], data_offsets: [big * 4, big * 4 + 12] },
    });
    const prefix = Buffer.alloc(8 + header.length);
    prefix.writeBigUInt64LE(BigInt(header.length), 0);
    prefix.write(header, 8);
    const file = join(dir, 'model.safetensors');
    const fd = openSync(file, 'w');
    writeSync(fd, prefix, 0, prefix.length, 0);
    writeSync(fd, Buffer.from(Float32Array.of(1.5, -2, 3).buffer), 0, 12, prefix.length + big * 4);
    closeSync(fd);
    const r = openSafetensors(file);
    assert.deepEqual(r.info('big')!.shape, [big]);
    assert.deepEqual(Array.from(r.read('tail').data as Float32Array), [1.5, -2, 3]);
    r.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
