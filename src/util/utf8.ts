/**
 * Walking a JavaScript string (UTF-16) by its UTF-8 encoding, as `TextEncoder` writes it: a
 * surrogate pair is one 4-byte character, a lone surrogate becomes U+FFFD (3 bytes). The one
 * place tokenizers map between UTF-8 byte offsets and UTF-16 offsets.
 */

/**
 * UTF-8 byte length of the character whose first UTF-16 unit is at `i`: 1–3 for one unit, 4 for a
 * surrogate pair (the character spans two units exactly when this is 4).
 */
export function utf8LengthAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    // charCodeAt past the end is NaN: the comparison fails and a lone high surrogate counts 3.
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 4;
  }
  return 3;
}

/** UTF-8 byte length of `s`. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const len = utf8LengthAt(s, i);
    n += len;
    i += len === 4 ? 2 : 1;
  }
  return n;
}

/** Byte length of the UTF-8 character starting with byte `lead` (SentencePiece's OneCharLen). */
export function utf8LengthOfLead(lead: number): number {
  return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
