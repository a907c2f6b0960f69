import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { BadInputError } from '../../errors.js';

/** One read call moves at most this much: `readSync` refuses lengths of 2 GiB and more. */
const READ_CHUNK = 1 << 30;

/** A file opened for positioned reads, with its size. */
export interface OpenFile {
  fd: number;
  file: string;
  size: number;
}

export function openForReading(file: string, what = 'checkpoint file'): OpenFile {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (cause) {
    throw new BadInputError(`cannot read ${what}`, { file, cause });
  }
  return { fd, file, size: fstatSync(fd).size };
}

export function closeFile(f: OpenFile): void {
  closeSync(f.fd);
}

/** Open `file` and read what a reader needs up front (a header, an index); the file is closed if that throws. */
export function openAndParse<T>(file: string, what: string, parse: (f: OpenFile) => T): { f: OpenFile; parsed: T } {
  const f = openForReading(file, what);
  try {
    return { f, parsed: parse(f) };
  } catch (error) {
    closeFile(f);
    throw error;
  }
}

/**
 * Read `length` bytes at `position` into a fresh buffer of exactly that size (unpooled, so a
 * float32 view of it owns nothing else). A short read means the file is truncated.
 */
export function readRange(f: OpenFile, position: number, length: number, what: string): Uint8Array {
  if (position + length > f.size) {
    throw new BadInputError(`truncated file: ${what} needs bytes [${position}, ${position + length}) but the file has ${f.size}`, {
      file: f.file,
      field: what,
      expected: 'a complete file (was the download or copy cut short?)',
    });
  }
  const out = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const n = readSync(f.fd, out, done, Math.min(READ_CHUNK, length - done), position + done);
    if (n === 0) {
      throw new BadInputError(`truncated file: ${what} ended after ${done} of ${length} bytes`, { file: f.file, field: what, expected: 'a complete file' });
    }
    done += n;
  }
  return new Uint8Array(out.buffer, out.byteOffset, length);
}
