/**
 * A normalized string that remembers where each of its code points came from in the original
 * input (UTF-16 spans), so that tokens found after normalization get spans in the original.
 * Our stand-in for the HF crate's `NormalizedString`, kept as small as our pipelines need.
 */
export interface Aligned {
  /** One code point per entry (normalized text). */
  chars: string[];
  /** Original UTF-16 span [start[i], end[i]) that produced chars[i]. */
  start: number[];
  end: number[];
}

export function alignedFrom(text: string, base = 0): Aligned {
  const chars: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let u = 0;
  for (const ch of text) {
    chars.push(ch);
    start.push(base + u);
    u += ch.length;
    end.push(base + u);
  }
  return { chars, start, end };
}

export function alignedText(a: Aligned): string {
  return a.chars.join('');
}

/**
 * For each UTF-16 offset of `text` (= `alignedText(a)`) where an entry starts, that entry's index;
 * `text.length` maps to the entry count. Lets regex and segmenter matches on the joined text find
 * their entries.
 */
export function entryIndexByOffset(a: Aligned, text: string): Int32Array {
  const entryAt = new Int32Array(text.length + 1);
  let u = 0;
  for (let i = 0; i < a.chars.length; i++) {
    entryAt[u] = i;
    u += a.chars[i].length;
  }
  entryAt[text.length] = a.chars.length;
  return entryAt;
}

export function emptyAligned(): Aligned {
  return { chars: [], start: [], end: [] };
}

/** Append `text` (split into code points) with every code point given the span [s, e). */
export function pushSpan(out: Aligned, text: string, s: number, e: number): void {
  for (const ch of text) {
    out.chars.push(ch);
    out.start.push(s);
    out.end.push(e);
  }
}

export function sliceAligned(a: Aligned, from: number, to: number): Aligned {
  return { chars: a.chars.slice(from, to), start: a.start.slice(from, to), end: a.end.slice(from, to) };
}

/** Rust's `char::is_whitespace` (Unicode White_Space), which the HF crate's Strip uses. */
export function isWhitespace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(ch);
}
