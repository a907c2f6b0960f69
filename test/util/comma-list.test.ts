import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCommaList } from '../../src/util/comma-list.js';

test('comma lists: split, trimmed, empty items dropped, repeated flags joined in order', () => {
  assert.deepEqual(splitCommaList('en, de,,fr '), ['en', 'de', 'fr']);
  assert.deepEqual(splitCommaList(['en,de', ' fr', '']), ['en', 'de', 'fr']);
  assert.deepEqual(splitCommaList(' , '), []);
});
