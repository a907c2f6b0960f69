import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChoiceList } from '../../src/cli/choice-list.js';
import { isTokgapError } from '../../src/errors.js';

test('parseChoiceList keeps the order given and names the option and choices on a bad item', () => {
  assert.deepEqual(parseChoiceList(' html, csv ', ['csv', 'json', 'html'] as const, 'format'), ['html', 'csv']);
  assert.throws(() => parseChoiceList('csv,pdf', ['csv', 'json', 'html'] as const, 'format'), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'INVALID_OPTION');
    assert.equal(e.message, 'unknown format "pdf" (field --format; expected a comma-separated list of csv, json, html)');
    return true;
  });
  assert.throws(() => parseChoiceList(' , ', ['csv'] as const, 'format'), /no format given/);
});
