import { closeSync, createReadStream, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import { extract } from 'tar-stream';
import { tempPathBeside } from '../util/atomic-write.js';

/** Container formats we unpack; told apart by their first bytes, not by the URL's suffix. */
export type ArchiveFormat = 'zip' | 'tar.gz' | 'tar';

/** Zip starts with a local header `PK\3\4`, gzip with `1f 8b`; anything else is read as plain tar. */
export function detectFormat(file: string): ArchiveFormat {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  return 'tar';
}

/** Entry names compare without a leading `./`; an archive repacked without its top folder still matches. */
export function memberMatches(name: string, member: string): boolean {
  const n = name.replace(/^\.\//, '');
  if (n.startsWith('__MACOSX/')) return false;
  if (n === member || n.endsWith(`/${member}`)) return true;
  const slash = member.indexOf('/');
  return slash >= 0 && n === member.slice(slash + 1);
}

/**
 * Integrity pass over a freshly downloaded archive before it may enter the cache: a zip must end
 * in an end-of-central-directory record (a cut download loses it); a tar.gz must inflate to its
 * end with a good CRC, and a tar must parse to its end. Throws on damage.
 */
export async function verifyArchive(file: string): Promise<void> {
  const format = detectFormat(file);
  if (format === 'zip') {
    const size = statSync(file).size;
    const tail = Math.min(size, 65_557); // EOCD (22 bytes) + the longest comment
    const buf = Buffer.alloc(tail);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buf, 0, tail, size - tail);
    } finally {
      closeSync(fd);
    }
    for (let i = tail - 22; i >= 0; i--) {
      if (buf.readUInt32LE(i) === 0x06054b50) {
        const cdSize = buf.readUInt32LE(i + 12);
        const cdOffset = buf.readUInt32LE(i + 16);
        // zip64 archives store 0xffffffff here; their real offsets live in another record.
        if (cdOffset === 0xffffffff || cdOffset + cdSize <= size - tail + i) return;
        break;
      }
    }
    throw new Error('zip has no valid end-of-central-directory record (truncated download?)');
  }
  await extractTarMember(file, format, () => false, undefined);
}

/**
 * Stream `file` (tar or tar.gz) and copy the first entry whose name satisfies `wanted` to `outFile`
 * (temp + rename). Returns the entry's name, or `undefined` when no entry matched. Only the matched
 * member is written; the rest streams past. A cut or corrupt archive rejects.
 */
export async function extractTarMember(
  file: string,
  format: 'tar' | 'tar.gz',
  wanted: (name: string) => boolean,
  outFile: string | undefined,
): Promise<string | undefined> {
  const ex = extract();
  const input = createReadStream(file);
  const gunzip = format === 'tar.gz' ? createGunzip() : undefined;
  const fail = (e: Error): void => { ex.destroy(e); };
  input.on('error', fail);
  if (gunzip) {
    gunzip.on('error', fail);
    input.pipe(gunzip).pipe(ex as unknown as NodeJS.WritableStream);
  } else {
    input.pipe(ex as unknown as NodeJS.WritableStream);
  }
  let found: string | undefined;
  let pending: string | undefined;
  try {
    for await (const entry of ex) {
      if (found === undefined && outFile !== undefined && entry.header.type === 'file' && wanted(entry.header.name)) {
        const tmp = tempPathBeside(outFile, 'part');
        const fd = openSync(tmp, 'w');
        try {
          for await (const chunk of entry) writeSync(fd, chunk as Uint8Array);
          closeSync(fd);
        } catch (e) {
          closeSync(fd);
          rmSync(tmp, { force: true });
          throw e;
        }
        // Keep reading to the end so a damaged tail still fails before we publish.
        found = entry.header.name;
        pending = tmp;
      } else {
        entry.resume();
      }
    }
  } catch (e) {
    if (pending !== undefined) rmSync(pending, { force: true });
    input.destroy();
    throw e;
  }
  if (pending !== undefined && outFile !== undefined) renameSync(pending, outFile);
  return found;
}

/**
 * Copy the zip entry whose name satisfies `wanted` to `outFile` (temp + rename), streaming the zip
 * through fflate's `Unzip` so only that member is inflated. Returns the entry name or `undefined`.
 */
export async function extractZipMember(
  file: string,
  wanted: (name: string) => boolean,
  outFile: string,
): Promise<string | undefined> {
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  let found: string | undefined;
  let done = false;
  let failure: Error | undefined;
  let fd: number | undefined;
  const tmp = tempPathBeside(outFile, 'part');
  unzip.onfile = (entry) => {
    if (found !== undefined || !wanted(entry.name) || entry.name.endsWith('/')) return;
    found = entry.name;
    fd = openSync(tmp, 'w');
    entry.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) { failure = err; return; }
      writeSync(fd!, chunk);
      if (final) done = true;
    };
    entry.start();
  };
  try {
    for await (const chunk of createReadStream(file)) {
      unzip.push(chunk as Uint8Array);
      if (failure || done) break;
    }
    if (!done && !failure) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (found !== undefined && !done && !failure) failure = new Error(`zip entry ${found} ends early (truncated archive?)`);
  if (failure || found === undefined) {
    rmSync(tmp, { force: true });
    if (failure) throw failure;
    return undefined;
  }
  renameSync(tmp, outFile);
  return found;
}
