import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unpickle, type UnpickleHooks } from '../../../src/tuning/checkpoint/torch/pickle.js';
import { isTokgapError } from '../../../src/errors.js';

// Hand-assembled pickles (opcodes from CPython's Lib/pickletools.py), so this needs no python.
const hooks: UnpickleHooks = {
  global: (m, n) => `${m}.${n}`,
  call: (fn, args) => ({ fn, args }),
  build: (obj) => obj,
  persistentLoad: (pid) => ({ pid }),
};
const bytes = (...parts: (number | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...Buffer.from(p, 'latin1')])));

test('protocol-2 opcodes: dicts, tuples, ints, LONG1, memo, globals, REDUCE, persistent ids', () => {
  const p = bytes(
    0x80, 2, 0x7d, 0x71, 0, 0x28, // PROTO 2, EMPTY_DICT, BINPUT 0, MARK
    0x58, 1, 0, 0, 0, 'a', 0x4b, 7, // 'a': 7
    0x58, 1, 0, 0, 0, 'b', 0x8a, 5, 0, 0, 0, 0, 1, // 'b': 2**32 (LONG1)
    0x58, 1, 0, 0, 0, 'c', 0x63, 'collections\nOrderedDict\n', 0x29, 0x52, // 'c': OrderedDict()
    0x58, 1, 0, 0, 0, 'd', 0x4a, 0xfe, 0xff, 0xff, 0xff, 0x4d, 0x10, 0x27, 0x86, // 'd': (-2, 10000)
    0x58, 1, 0, 0, 0, 'e', 0x8c, 3, 'pid', 0x85, 0x51, // 'e': persistent_load(('pid',))
    0x58, 1, 0, 0, 0, 'f', 0x68, 0, // 'f': memo 0 (the dict itself)
    0x75, 0x2e, // SETITEMS, STOP
  );
  const d = unpickle(p, hooks, 'x.pkl') as Map<string, unknown>;
  assert.equal(d.get('a'), 7);
  assert.equal(d.get('b'), 2 ** 32);
  assert.deepEqual(d.get('c'), { fn: 'collections.OrderedDict', args: [] });
  assert.deepEqual(d.get('d'), [-2, 10000]);
  assert.deepEqual(d.get('e'), { pid: ['pid'] });
  assert.equal(d.get('f'), d);
  // LONG1 beyond 2^53 stays exact as a bigint.
  assert.equal(unpickle(bytes(0x80, 2, 0x8a, 8, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x2e), hooks, 'x'), -(2n ** 63n));
});

test('an unknown opcode, a truncated pickle and a stack underflow are errors naming the file and offset', () => {
  const cases: [Uint8Array, RegExp][] = [
    [bytes(0x80, 2, 0x69, 0x2e), /unsupported pickle opcode 0x69 at byte 2/], // INST (protocol 0)
    [bytes(0x80, 2, 0x58, 9, 0, 0, 0, 'ab'), /ends early/],
    [bytes(0x80, 2, 0x2e), /underflow/],
  ];
  for (const [p, re] of cases) {
    assert.throws(() => unpickle(p, hooks, 'bad.pkl'), (e: unknown) => isTokgapError(e) && e.code === 'BAD_INPUT' && e.file === 'bad.pkl' && re.test(e.message));
  }
});
