/**
 * Walking a JavaScript string (UTF-16) by its UTF-8 encoding, as `TextEncoder` writes it: a
 * surrogate pair is one 4-byte character, a lone surrogate becomes U+FFFD (3 bytes). The one
 * place tokenizers map between UTF-8 byte offsets and UTF-16 offsets.
 *
 * These sit on the tokenizers' hot paths: plain functions on (string, index) with no allocation,
 * small enough for V8 to inline into the calling loop.
 */

/**
 * UTF-8 byte length of the character whose first UTF-16 unit is at `i`: 1–3 for one unit, 4 for a
 * surrogate pair (the character spans two units exactly when this is 4).
 */
export function utf8LengthAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    // An explicit bound: a read past the end (NaN) can deoptimize the caller's loop.
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 4;
  }
  return 3;
}

/** UTF-8 byte length of `s`. */
export function utf8Length(s: string): number {
  // utf8LengthAt written out: this runs once per grapheme, and the loop keeps one branch per unit.
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Byte length of the UTF-8 character starting with byte `lead` (SentencePiece's OneCharLen). */
export function utf8LengthOfLead(lead: number): number {
  return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** Whether `s` is all ASCII, so that its UTF-8 byte offsets are its UTF-16 offsets. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Writes the UTF-8 of the character whose first UTF-16 unit is at `i` to `buf[pos]` and returns
 * the new end; the character spans two units exactly when it wrote 4 bytes. `buf` needs room for
 * 3 bytes per unit (a pair's 4 bytes cover its 2 units).
 */
export function encodeUtf8CharInto(s: string, i: number, buf: Uint8Array, pos: number): number {
  let c = s.charCodeAt(i);
  if (c < 0x80) {
    buf[pos] = c;
    return pos + 1;
  }
  if (c < 0x800) {
    buf[pos] = 0xc0 | (c >> 6);
    buf[pos + 1] = 0x80 | (c & 0x3f);
    return pos + 2;
  }
  if (c >= 0xd800 && c <= 0xdfff) {
    const lo = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (c <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
      buf[pos] = 0xf0 | (cp >> 18);
      buf[pos + 1] = 0x80 | ((cp >> 12) & 0x3f);
      buf[pos + 2] = 0x80 | ((cp >> 6) & 0x3f);
      buf[pos + 3] = 0x80 | (cp & 0x3f);
      return pos + 4;
    }
    c = 0xfffd;
  }
  buf[pos] = 0xe0 | (c >> 12);
  buf[pos + 1] = 0x80 | ((c >> 6) & 0x3f);
  buf[pos + 2] = 0x80 | (c & 0x3f);
  return pos + 3;
}

/**
 * Writes the UTF-8 of `s` to `buf[pos]`, byte for byte what `TextEncoder` writes, and returns the
 * new end. `buf` needs room for 3 bytes per UTF-16 unit.
 */
export function encodeUtf8Into(s: string, buf: Uint8Array, pos: number): number {
  for (let u = 0; u < s.length; ) {
    const c = s.charCodeAt(u);
    // ASCII in the loop itself: most text is mostly ASCII and skips the call and the length test.
    if (c < 0x80) {
      buf[pos++] = c;
      u++;
      continue;
    }
    const end = encodeUtf8CharInto(s, u, buf, pos);
    u += end - pos === 4 ? 2 : 1;
    pos = end;
  }
  return pos;
}

/**
 * Maps increasing UTF-8 byte offsets of a string (as TextEncoder writes it) to UTF-16 offsets by
 * walking forward from the last answer; a smaller offset starts over from 0. An offset inside a
 * character maps to that character's end.
 */
export class Utf8ToUtf16 {
  private byte = 0;
  private unit = 0;
  constructor(private readonly text: string) {}

  at(target: number): number {
    if (target < this.byte) { this.byte = 0; this.unit = 0; }
    const s = this.text;
    let byte = this.byte;
    let unit = this.unit;
    while (byte < target && unit < s.length) {
      const len = utf8LengthAt(s, unit);
      byte += len;
      unit += len === 4 ? 2 : 1;
    }
    this.byte = byte;
    this.unit = unit;
    return unit;
  }
}

/** Unicode code points in `s`: every UTF-16 unit but the low half of a pair (a lone low surrogate counts). */
export function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
