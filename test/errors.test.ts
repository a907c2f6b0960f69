import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokgapError, isTokgapError, BadInputError } from '../src/errors.js';

test('TokgapError message names file, line, field and expectation', () => {
  const error = new BadInputError('wrong column count', { file: 'a.conllu', line: 7, field: 'UPOS', expected: '10 columns' });
  assert.equal(error.message, 'a.conllu:7: wrong column count (field UPOS; expected 10 columns)');
  assert.equal(error.code, 'BAD_INPUT');
  assert.ok(isTokgapError(error));
  assert.ok(error instanceof TokgapError);
  assert.ok(!isTokgapError(new Error('x')));
});
