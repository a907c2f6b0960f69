import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeUtf8CharInto,
  encodeUtf8Into,
  isAscii,
  utf8Length,
  utf8LengthAt,
  utf8LengthOfLead,
  Utf8ToUtf16,
} from '../../src/util/utf8.js';
import { Rng } from '../../src/util/rng.js';

const encoder = new TextEncoder();

test('UTF-8 lengths agree with TextEncoder, lone surrogates included (U+FFFD, 3 bytes)', () => {
  const samples = ['', 'abc', 'é', '€', 'কো', '😀', 'a😀b', '\ud800', '\udc00x', 'x\ud800', '\ud83d\ud83d\ude00', '👩‍👩‍👧'];
  for (const s of samples) assert.equal(utf8Length(s), encoder.encode(s).length, JSON.stringify(s));
  assert.deepEqual([utf8LengthAt('a', 0), utf8LengthAt('é', 0), utf8LengthAt('€', 0), utf8LengthAt('😀', 0), utf8LengthAt('\ud800', 0)], [1, 2, 3, 4, 3]);
  for (const ch of ['a', 'é', '€', '😀']) assert.equal(utf8LengthOfLead(encoder.encode(ch)[0]!), encoder.encode(ch).length);
});

/**
 * One UTF-16 unit or pair drawn from each class the walkers branch on, edges included: ASCII,
 * 2-byte, 3-byte (around the surrogate block too), a valid pair, a lone high and a lone low
 * surrogate (which pair up with a neighbour by chance, as in real broken text).
 */
function randomString(rng: Rng, maxUnits: number): string {
  const pick = (lo: number, hi: number): number => lo + rng.int(hi - lo + 1);
  let s = '';
  const n = rng.int(maxUnits + 1);
  while (s.length < n) {
    switch (rng.int(7)) {
      case 0: s += String.fromCharCode(rng.int(3) === 0 ? [0, 0x7f, 0x20][rng.int(3)]! : pick(0, 0x7f)); break;
      case 1: s += String.fromCharCode(rng.int(3) === 0 ? [0x80, 0x7ff][rng.int(2)]! : pick(0x80, 0x7ff)); break;
      case 2: s += String.fromCharCode(rng.int(3) === 0 ? [0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff][rng.int(5)]! : pick(0x800, 0xd7ff)); break;
      case 3: s += String.fromCodePoint(rng.int(3) === 0 ? [0x10000, 0x10ffff, 0x1f600][rng.int(3)]! : pick(0x10000, 0x10ffff)); break;
      case 4: s += String.fromCharCode(pick(0xd800, 0xdbff)); break;
      case 5: s += String.fromCharCode(pick(0xdc00, 0xdfff)); break;
      default: s += String.fromCharCode(pick(0xe000, 0xffff)); break;
    }
  }
  return s;
}

function randomStrings(): string[] {
  const rng = new Rng(20240611);
  const fixed = ['', 'a', '\ud800', '\udc00', '\udbff\udfff', '\udc00\ud800', 'x\ud800', '\ud800\ud800\udc00', '\udfff\udbff', 'a\u07ff\u0800\uffff'];
  const out = [...fixed];
  for (let i = 0; i < 3000; i++) out.push(randomString(rng, i < 2000 ? 12 : 200));
  return out;
}

test('encodeUtf8Into writes what TextEncoder writes, at an offset, touching nothing else', () => {
  for (const s of randomStrings()) {
    const want = encoder.encode(s);
    const buf = new Uint8Array(5 + 3 * s.length + 5).fill(0xaa);
    const end = encodeUtf8Into(s, buf, 5);
    assert.equal(end, 5 + want.length, JSON.stringify(s));
    assert.deepEqual(buf.subarray(5, end), want, JSON.stringify(s));
    assert.ok(buf.subarray(0, 5).every((b) => b === 0xaa) && buf.subarray(end).every((b) => b === 0xaa), JSON.stringify(s));
  }
});

test('per character: encodeUtf8CharInto, utf8LengthAt and the lead byte agree with TextEncoder', () => {
  for (const s of randomStrings()) {
    const want = encoder.encode(s);
    const buf = new Uint8Array(4);
    let byte = 0;
    for (let u = 0; u < s.length; ) {
      const len = utf8LengthAt(s, u);
      assert.equal(encodeUtf8CharInto(s, u, buf, 0), len, JSON.stringify(s));
      assert.deepEqual(buf.subarray(0, len), want.subarray(byte, byte + len), JSON.stringify(s));
      assert.equal(utf8LengthOfLead(want[byte]!), len);
      byte += len;
      u += len === 4 ? 2 : 1;
    }
    assert.equal(byte, want.length);
    assert.equal(utf8Length(s), want.length, JSON.stringify(s));
    assert.equal(isAscii(s), want.length === s.length && want.every((b) => b < 0x80), JSON.stringify(s));
  }
});

test('Utf8ToUtf16 maps byte offsets to UTF-16 offsets: boundaries exactly, inside a character to its end, backwards by starting over', () => {
  const rng = new Rng(7);
  for (const s of randomStrings()) {
    // Character boundaries as [UTF-16 offset, byte offset], bytes from TextEncoder of each prefix.
    const bounds: [number, number][] = [[0, 0]];
    for (let u = 0; u < s.length; ) {
      u += s.codePointAt(u)! > 0xffff ? 2 : 1;
      bounds.push([u, encoder.encode(s.slice(0, u)).length]);
    }
    const unitOf = (byte: number): number => bounds.find(([, b]) => b >= byte)?.[0] ?? s.length;
    const total = bounds[bounds.length - 1]![1];
    const cursor = new Utf8ToUtf16(s);
    let target = 0;
    for (let k = 0; k < 20; k++) {
      // Mostly forward (the tokenizers' order), sometimes back.
      target = rng.int(4) === 0 ? rng.int(total + 2) : Math.min(total + 1, target + rng.int(5));
      assert.equal(cursor.at(target), unitOf(target), `${JSON.stringify(s)} at ${target}`);
    }
    for (const [u, b] of bounds) assert.equal(new Utf8ToUtf16(s).at(b), u);
  }
});
