/**
 * Token spans in the original string from the bytes each token stands for. Byte-level
 * tokenizers (tiktoken, GPT-2/Llama 3 style BPE) and the HF library do not report offsets, so we
 * walk the token bytes along the UTF-8 bytes of the input and convert to UTF-16 units.
 */
import { utf8LengthAt } from '../../util/utf8.js';

const SPACE = 0x20;

function isAsciiSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function startsWithAt(hay: Uint8Array, needle: Uint8Array, at: number, from = 0): boolean {
  if (at + needle.length - from > hay.length) return false;
  for (let i = from; i < needle.length; i++) if (hay[at + i - from] !== needle[i]) return false;
  return true;
}

/** For each UTF-8 byte offset of `text`: the UTF-16 start and end of the character holding it. */
function byteToUtf16(text: string): { bytes: Uint8Array; charStart: Uint32Array; charEnd: Uint32Array } {
  const bytes = new TextEncoder().encode(text);
  const charStart = new Uint32Array(bytes.length + 1);
  const charEnd = new Uint32Array(bytes.length + 1);
  let b = 0;
  for (let u = 0; u < text.length; ) {
    const n = utf8LengthAt(text, u);
    const units = n === 4 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      charStart[b + k] = u;
      charEnd[b + k] = u + units;
    }
    b += n;
    u += units;
  }
  charStart[bytes.length] = text.length;
  charEnd[bytes.length] = text.length;
  return { bytes, charStart, charEnd };
}

/**
 * Spans [start, end) in UTF-16 units of `text` for tokens given as their bytes (`null` for a
 * token that stands for no input, such as an added `<s>`). A token that ends inside a character
 * gets that whole character. Where the bytes do not match the input (a normalizer changed it),
 * the walk tolerates a dummy-prefix space and skipped whitespace, else advances by the byte count.
 */
export function alignByteTokens(text: string, tokens: readonly (Uint8Array | null)[]): Uint32Array {
  const { bytes, charStart, charEnd } = byteToUtf16(text);
  const out = new Uint32Array(tokens.length * 2);
  let cursor = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let s = cursor;
    let e = cursor;
    if (t !== null && t.length > 0) {
      if (startsWithAt(bytes, t, cursor)) {
        e = cursor + t.length;
      } else if (t[0] === SPACE && startsWithAt(bytes, t, cursor, 1)) {
        e = cursor + t.length - 1; // a dummy-prefix space that is not in the input
      } else {
        let skip = cursor;
        while (skip < bytes.length && isAsciiSpace(bytes[skip])) skip++;
        if (skip > cursor && startsWithAt(bytes, t, skip)) {
          s = skip;
          e = skip + t.length;
        } else {
          e = Math.min(bytes.length, cursor + t.length);
        }
      }
    }
    cursor = e;
    const start = charStart[s];
    // An end inside a character extends to that character's end.
    const end = e > s && e < bytes.length && charStart[e] !== charStart[e - 1] ? charStart[e] : charEnd[e > s ? e - 1 : e];
    out[2 * i] = start;
    out[2 * i + 1] = e > s ? Math.max(end, start) : start;
  }
  return out;
}
