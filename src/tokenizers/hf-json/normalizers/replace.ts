/**
 * `Replace`: every match of a literal or regex pattern becomes `content`; the new code points
 * take the original span of the whole match.
 */
import { emptyAligned, entryIndexByOffset, pushSpan, type Aligned } from '../aligned-string.js';

export function replaceNormalize(input: Aligned, pattern: RegExp, content: string): Aligned {
  const text = input.chars.join('');
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return input;
  const entryAt = entryIndexByOffset(input, text);
  const out = emptyAligned();
  let next = 0;
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const a = entryAt[m.index];
    const b = entryAt[m.index + m[0].length];
    for (let i = next; i < a; i++) pushSpan(out, input.chars[i], input.start[i], input.end[i]);
    if (b > a) pushSpan(out, content, input.start[a], input.end[b - 1]);
    else if (content) pushSpan(out, content, input.start[a] ?? 0, input.start[a] ?? 0);
    next = b;
  }
  for (let i = next; i < input.chars.length; i++) pushSpan(out, input.chars[i], input.start[i], input.end[i]);
  return out;
}

/** A global regex for a tokenizer.json pattern: `{String: s}` literally, `{Regex: r}` as a JS regex. */
export function patternRegExp(pattern: { String?: string; Regex?: string }): RegExp {
  if (pattern.String !== undefined) return new RegExp(pattern.String.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
  return new RegExp(pattern.Regex ?? '', 'gu');
}
