import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTorchCheckpoint } from '../../../src/tuning/checkpoint/torch/read.js';
import { sameBytes, torchFixtures } from '../../helpers/torch-fixtures.js';

/**
 * Rewrite a zip's central directory in the ZIP64 form archives past 4 GiB use (sizes and offsets
 * 0xFFFFFFFF with the real values in a 0x0001 extra field; a ZIP64 end record and locator before an
 * end record of sentinels), per APPNOTE 4.3.14–4.3.16 and 4.5.3. Local headers and data stay put.
 */
function toZip64(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  const entries: Buffer[] = [];
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const fixed = Buffer.from(zip.subarray(at, at + 46));
    const name = zip.subarray(at + 46, at + 46 + nameLen);
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(fixed.readUInt32LE(24)), 4); // uncompressed
    extra.writeBigUInt64LE(BigInt(fixed.readUInt32LE(20)), 12); // compressed
    extra.writeBigUInt64LE(BigInt(fixed.readUInt32LE(42)), 20); // local header offset
    fixed.writeUInt32LE(0xffffffff, 20);
    fixed.writeUInt32LE(0xffffffff, 24);
    fixed.writeUInt32LE(0xffffffff, 42);
    fixed.writeUInt16LE(28, 30);
    fixed.writeUInt16LE(0, 32);
    entries.push(fixed, name, extra);
    at += 46 + nameLen + extraLen + commentLen;
  }
  const dir = Buffer.concat(entries);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(dir.length), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + dir.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, cdOffset), dir, record, locator, end]);
}

test('ZIP64 central directories (archives past 4 GiB) are read through their 64-bit records', (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-zip64-'));
  try {
    const plain = join(fx, 'bin-fp32', 'pytorch_model.bin');
    const file = join(dir, 'pytorch_model.bin');
    writeFileSync(file, toZip64(readFileSync(plain)));
    const a = openTorchCheckpoint(plain);
    const b = openTorchCheckpoint(file);
    assert.deepEqual(b.names(), a.names());
    for (const name of a.names()) assert.ok(sameBytes(b.read(name).data, a.read(name).data), name);
    a.close();
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
