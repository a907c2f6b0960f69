import { test } from 'node:test';
import assert from 'node:assert/strict';
import { utf8Length, utf8LengthAt, utf8LengthOfLead } from '../../src/util/utf8.js';

test('UTF-8 lengths agree with TextEncoder, lone surrogates included (U+FFFD, 3 bytes)', () => {
  const samples = ['', 'abc', 'é', '€', 'কো', '😀', 'a😀b', '\ud800', '\udc00x', 'x\ud800', '\ud83d\ud83d\ude00', '👩‍👩‍👧'];
  for (const s of samples) assert.equal(utf8Length(s), new TextEncoder().encode(s).length, JSON.stringify(s));
  assert.deepEqual([utf8LengthAt('a', 0), utf8LengthAt('é', 0), utf8LengthAt('€', 0), utf8LengthAt('😀', 0), utf8LengthAt('\ud800', 0)], [1, 2, 3, 4, 3]);
  for (const ch of ['a', 'é', '€', '😀']) assert.equal(utf8LengthOfLead(new TextEncoder().encode(ch)[0]!), new TextEncoder().encode(ch).length);
});
