import { BadInputError } from '../../../errors.js';
import { UnsupportedCheckpointError } from '../errors.js';
import { type OpenFile, readRange } from '../fd.js';

/** One member of a zip archive: where its bytes lie in the file. */
export interface ZipMember {
  name: string;
  /** Absolute offset of the member's data (after its local header). */
  dataOffset: number;
  size: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** End-of-central-directory record (22 bytes) plus the longest comment (65,535). */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * List a zip's members from its central directory (ZIP64 included, for archives past 4 GiB), reading
 * only the tail, the directory and each member's local header. torch.save stores members
 * uncompressed; a compressed one is refused by name.
 */
export function readZipDirectory(f: OpenFile): Map<string, ZipMember> {
  const tailLen = Math.min(f.size, EOCD_SEARCH);
  const tail = readRange(f, f.size - tailLen, tailLen, 'end of central directory');
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new BadInputError('not a complete zip archive: no end-of-central-directory record (truncated file?)', {
      file: f.file,
      expected: 'a checkpoint written by torch.save (a zip archive)',
    });
  }
  let count = tv.getUint16(eocd + 10, true);
  let dirSize = tv.getUint32(eocd + 12, true);
  let dirOffset = tv.getUint32(eocd + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locatorAt = f.size - tailLen + eocd - 20;
    const locator = readRange(f, locatorAt, 20, 'zip64 locator');
    const lv = new DataView(locator.buffer, locator.byteOffset, 20);
    if (lv.getUint32(0, true) !== ZIP64_LOCATOR_SIG) throw new BadInputError('zip64 locator missing', { file: f.file, field: 'zip64 locator' });
    const recordAt = Number(lv.getBigUint64(8, true));
    const record = readRange(f, recordAt, 56, 'zip64 end of central directory');
    const rv = new DataView(record.buffer, record.byteOffset, 56);
    if (rv.getUint32(0, true) !== ZIP64_EOCD_SIG) throw new BadInputError('zip64 end-of-central-directory record missing', { file: f.file, field: 'zip64 record' });
    count = Number(rv.getBigUint64(32, true));
    dirSize = Number(rv.getBigUint64(40, true));
    dirOffset = Number(rv.getBigUint64(48, true));
  }
  const dir = readRange(f, dirOffset, dirSize, 'central directory');
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const members = new Map<string, ZipMember>();
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > dir.byteLength || dv.getUint32(at, true) !== CENTRAL_SIG) {
      throw new BadInputError(`corrupt zip central directory at entry ${k}`, { file: f.file, field: 'central directory' });
    }
    const method = dv.getUint16(at + 10, true);
    let compressed = dv.getUint32(at + 20, true);
    let size = dv.getUint32(at + 24, true);
    const nameLen = dv.getUint16(at + 28, true);
    const extraLen = dv.getUint16(at + 30, true);
    const commentLen = dv.getUint16(at + 32, true);
    let local = dv.getUint32(at + 42, true);
    const name = new TextDecoder().decode(dir.subarray(at + 46, at + 46 + nameLen));
    // ZIP64 extra field: the 64-bit values, in this order, of those whose 32-bit field is all ones.
    let e = at + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff) { size = Number(dv.getBigUint64(p, true)); p += 8; }
        if (compressed === 0xffffffff) { compressed = Number(dv.getBigUint64(p, true)); p += 8; }
        if (local === 0xffffffff) { local = Number(dv.getBigUint64(p, true)); p += 8; }
      }
      e += 4 + len;
    }
    at = extraEnd + commentLen;
    if (method !== 0) {
      throw new UnsupportedCheckpointError(`zip member ${name} is compressed (method ${method})`, {
        file: f.file,
        field: name,
        expected: 'stored (uncompressed) members, as torch.save writes them',
      });
    }
    const header = readRange(f, local, 30, `local header of ${name}`);
    const hv = new DataView(header.buffer, header.byteOffset, 30);
    if (hv.getUint32(0, true) !== LOCAL_SIG) throw new BadInputError(`corrupt zip local header of ${name}`, { file: f.file, field: name });
    // The local extra field differs from the central one (torch pads it to align the data to 64 bytes).
    const dataOffset = local + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
    if (dataOffset + size > f.size) {
      throw new BadInputError(`truncated file: zip member ${name} needs bytes up to ${dataOffset + size} but the file has ${f.size}`, { file: f.file, field: name });
    }
    members.set(name, { name, dataOffset, size });
  }
  return members;
}
