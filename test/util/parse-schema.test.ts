import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { InvalidOptionError } from '../../src/errors.js';
import { parseWithSchema } from '../../src/util/parse-schema.js';

const Schema = z.object({ a: z.object({ b: z.array(z.number()) }) });
const fail = (message: string, field: string | undefined) => new InvalidOptionError(`invalid thing: ${message}`, { field });

test('valid data comes back parsed', () => {
  assert.deepEqual(parseWithSchema(Schema, { a: { b: [1, 2] } }, fail), { a: { b: [1, 2] } });
});

test('the first zod issue gives the message and the dotted field path', () => {
  assert.throws(() => parseWithSchema(Schema, { a: { b: [1, 'x'] } }, fail), (e: unknown) => {
    assert.ok(e instanceof InvalidOptionError);
    assert.equal(e.field, 'a.b.1');
    assert.match(e.message, /invalid thing: .*number/i);
    return true;
  });
});
