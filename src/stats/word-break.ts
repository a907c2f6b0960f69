/**
 * Unicode word boundaries (UAX #29) for text made only of a set of characters whose Word_Break
 * classes are plain: Latin, Greek, Cyrillic, Armenian, Georgian, Arabic and the main Indic
 * scripts' letters and marks, their digits, the space and common punctuation. On such text it gives exactly the word-like segments
 * of `Intl.Segmenter(…, {granularity: 'word'})` (ICU), without building a segment object per
 * word and space, which made ICU's segmenter more than half the CPU of a FLORES-200 run. Any
 * other character (another script, a dictionary script, emoji, a format character, a newline…)
 * returns null, and the caller asks Intl.Segmenter.
 *
 * Exactness: test/stats/word-break.test.ts compares every FLORES-200 sentence this accepts, and
 * random strings over every class, with Intl.Segmenter.
 */
import type { Span } from './words.js';

// Word_Break classes of the accepted characters (UAX #29, table 3).
const OTHER = 1, ALETTER = 2, NUMERIC = 3, MID_LETTER = 4, MID_NUM_LET = 5, MID_NUM = 6, SPACE = 7, EXTEND = 8;

/** Class per UTF-16 unit; 0 = not accepted. */
const CLASS = new Uint8Array(0x10000);

function set(cls: number, from: number, to = from): void {
  for (let c = from; c <= to; c++) CLASS[c] = cls;
}

set(ALETTER, 0x41, 0x5a); set(ALETTER, 0x61, 0x7a);
set(ALETTER, 0xc0, 0xd6); set(ALETTER, 0xd8, 0xf6); set(ALETTER, 0xf8, 0x24f); // Latin-1 letters, Latin Extended-A/B
set(ALETTER, 0x1e00, 0x1eff); // Latin Extended Additional (Vietnamese)
set(ALETTER, 0x386); set(ALETTER, 0x388, 0x38a); set(ALETTER, 0x38c); set(ALETTER, 0x38e, 0x3a1); set(ALETTER, 0x3a3, 0x3ce); // Greek
set(ALETTER, 0x400, 0x481); set(ALETTER, 0x48a, 0x4ff); // Cyrillic
set(EXTEND, 0x300, 0x36f); set(EXTEND, 0x483, 0x489); // combining marks
set(NUMERIC, 0x30, 0x39);
set(SPACE, 0x20);
set(MID_LETTER, 0x3a); // :
set(MID_NUM_LET, 0x2e); set(MID_NUM_LET, 0x27); set(MID_NUM_LET, 0x2018); set(MID_NUM_LET, 0x2019); // . ' ‘ ’ (Single_Quote joins MidNumLet here)
set(MID_NUM, 0x2c); set(MID_NUM, 0x3b); // , ;
// Punctuation and symbols of class Other: a boundary on both sides. `"` is Double_Quote, which
// only matters next to Hebrew letters (not accepted), and `_` (ExtendNumLet) is left to ICU.
for (const ch of '!"#$%&()*+-/<=>?@[\\]^`{|}~') CLASS[ch.charCodeAt(0)] = OTHER;
set(OTHER, 0xab); set(OTHER, 0xbb); set(OTHER, 0x2013, 0x2014); set(OTHER, 0x201c, 0x201e); set(OTHER, 0x2026);

// Abugidas and abjads without dictionary segmentation: letters, marks and digits by their general
// properties (Word_Break ALetter = Alphabetic minus marks; Extend = marks; Numeric = decimal digits).
const SCRIPT_BLOCKS: [number, number][] = [
  [0x0530, 0x058f], // Armenian
  [0x0600, 0x06ff], [0x0750, 0x077f], // Arabic
  [0x0900, 0x097f], [0x0980, 0x09ff], [0x0a00, 0x0a7f], [0x0a80, 0x0aff], [0x0b00, 0x0b7f], // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya
  [0x0b80, 0x0bff], [0x0c00, 0x0c7f], [0x0c80, 0x0cff], [0x0d00, 0x0d7f], // Tamil, Telugu, Kannada, Malayalam
  [0x10a0, 0x10ff], // Georgian
];
const MARK = /^\p{M}$/u, ALPHA = /^\p{Alphabetic}$/u, DIGIT = /^\p{Nd}$/u;
for (const [from, to] of SCRIPT_BLOCKS) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (MARK.test(ch)) CLASS[c] = EXTEND;
    else if (ALPHA.test(ch)) CLASS[c] = ALETTER;
    else if (DIGIT.test(ch)) CLASS[c] = NUMERIC;
  }
}
// U+0640 ARABIC TATWEEL is a letter-like filler ICU classes apart: left to ICU.
CLASS[0x640] = 0;
set(MID_NUM, 0x60c); // Arabic comma
set(OTHER, 0x61f); set(OTHER, 0x6d4); set(OTHER, 0x964, 0x965); // Arabic question mark, Urdu full stop, dandas

const isLetterMid = (c: number): boolean => c === MID_LETTER || c === MID_NUM_LET;
const isNumberMid = (c: number): boolean => c === MID_NUM || c === MID_NUM_LET;
const isAlnum = (c: number): boolean => c === ALETTER || c === NUMERIC;

let classes = new Uint8Array(256);

/**
 * Word-like segments of `text` as spans (the segments with a letter or digit), or null when the
 * text has a character outside the accepted set.
 */
export function simpleWordSpans(text: string): Span[] | null {
  const n = text.length;
  if (classes.length < n) classes = new Uint8Array(2 * n);
  const cls = classes;
  for (let i = 0; i < n; i++) {
    const c = CLASS[text.charCodeAt(i)]!;
    if (c === 0) return null;
    cls[i] = c;
  }
  const spans: Span[] = [];
  if (n === 0) return spans;
  // eff(i): the class the rules after WB4 see at i (an Extend run takes its base's class).
  // `prev` and `prev2` are the positions of the last two non-Extend characters before i.
  let segStart = 0;
  let wordLike = isAlnum(cls[0]!);
  let prev = cls[0] === EXTEND ? -1 : 0;
  let prev2 = -1;
  // Class of the segment's base when the text starts with combining marks (they stand alone).
  for (let i = 1; i < n; i++) {
    const b = cls[i]!;
    let join: boolean;
    if (b === EXTEND) join = true; // WB4
    else if (cls[i - 1] === SPACE && b === SPACE) join = true; // WB3d
    else if (prev < 0) join = false; // after leading marks only
    else {
      const a = cls[prev]!;
      if (isAlnum(a) && isAlnum(b)) join = true; // WB5, WB8, WB9, WB10
      else if (a === ALETTER && isLetterMid(b)) join = nextBase(cls, i + 1, n) === ALETTER; // WB6
      else if (isLetterMid(a) && b === ALETTER) join = prev2 >= 0 && cls[prev2] === ALETTER && joinedBefore(prev, segStart); // WB7
      else if (a === NUMERIC && isNumberMid(b)) join = nextBase(cls, i + 1, n) === NUMERIC; // WB12
      else if (isNumberMid(a) && b === NUMERIC) join = prev2 >= 0 && cls[prev2] === NUMERIC && joinedBefore(prev, segStart); // WB11
      else join = false; // WB999
    }
    if (!join) {
      if (wordLike) spans.push({ start: segStart, end: i });
      segStart = i;
      wordLike = false;
    }
    if (isAlnum(b)) wordLike = true;
    if (b !== EXTEND) { prev2 = prev; prev = i; }
  }
  if (wordLike) spans.push({ start: segStart, end: n });
  return spans;
}

/** The class of the first non-Extend character at or after i (0 at the end). */
function nextBase(cls: Uint8Array, i: number, n: number): number {
  while (i < n && cls[i] === EXTEND) i++;
  return i < n ? cls[i]! : 0;
}

/** Whether the mid character at `mid` was joined to what came before it (it is inside the segment). */
function joinedBefore(mid: number, segStart: number): boolean {
  return mid > segStart;
}
