import { BadInputError } from '../../../errors.js';

/**
 * A minimal unpickler: the opcodes of protocols 2–4 that `torch.save` emits for a state dict.
 * It never runs code: globals, calls (REDUCE), BUILD and persistent ids go to the caller's hooks,
 * which decide what each may be. Unknown opcodes are errors naming the opcode and its offset.
 */
export interface UnpickleHooks {
  /** Resolve `module.name` (GLOBAL / STACK_GLOBAL); throw for anything not allowed. */
  global(module: string, name: string): unknown;
  /** `callable(*args)` (REDUCE, NEWOBJ). */
  call(callable: unknown, args: unknown[]): unknown;
  /** `obj.__setstate__(state)` (BUILD); returns the object that stays on the stack. */
  build(obj: unknown, state: unknown): unknown;
  /** `persistent_load(pid)` (BINPERSID). */
  persistentLoad(pid: unknown): unknown;
}

/** Python dicts become Maps (insertion order kept, as OrderedDict); tuples and lists become arrays. */
export type PyDict = Map<unknown, unknown>;

const MARK = Symbol('mark');

export function unpickle(bytes: Uint8Array, hooks: UnpickleHooks, file: string): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  const latin1 = new TextDecoder('latin1');
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let pos = 0;
  const fail = (message: string): never => {
    throw new BadInputError(`${message} at byte ${pos} of the pickle`, { file, expected: 'a pickle written by torch.save' });
  };
  const need = (n: number): number => {
    if (pos + n > bytes.byteLength) fail('pickle ends early');
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => view.getUint8(need(1));
  const u16 = (): number => view.getUint16(need(2), true);
  const u32 = (): number => view.getUint32(need(4), true);
  const u64 = (): number => Number(view.getBigUint64(need(8), true));
  const slice = (n: number): Uint8Array => bytes.subarray(need(n), pos);
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('unterminated line');
    const s = latin1.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): unknown => (stack.length ? stack.pop() : fail('pickle stack underflow'));
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail('no MARK on the pickle stack');
    const items = stack.splice(at);
    items.shift();
    return items;
  };
  const top = (): unknown => (stack.length ? stack[stack.length - 1] : fail('pickle stack underflow'));
  const asDict = (d: unknown): PyDict => (d instanceof Map ? d : fail('SETITEM on something that is not a dict'));
  const asList = (l: unknown): unknown[] => (Array.isArray(l) ? l : fail('APPEND on something that is not a list'));
  const signed = (b: Uint8Array): number | bigint => {
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    if (b.length > 0 && b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: u64(); break; // FRAME: only a length hint
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push([a, b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push([a, b, c]); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { // DICT
        const items = popMark();
        const d: PyDict = new Map();
        for (let i = 0; i + 1 < items.length; i += 2) d.set(items[i], items[i + 1]);
        stack.push(d);
        break;
      }
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: case 0x6a: { // BINGET, LONG_BINGET
        const k = op === 0x68 ? u8() : u32();
        if (!memo.has(k)) fail(`memo key ${k} not set`);
        stack.push(memo.get(k));
        break;
      }
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x8a: stack.push(signed(slice(u8()))); break; // LONG1
      case 0x8b: stack.push(signed(slice(u32()))); break; // LONG4
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x58: stack.push(text.decode(slice(u32()))); break; // BINUNICODE
      case 0x8c: stack.push(text.decode(slice(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(text.decode(slice(u64()))); break; // BINUNICODE8
      case 0x54: stack.push(latin1.decode(slice(u32()))); break; // BINSTRING
      case 0x55: stack.push(latin1.decode(slice(u8()))); break; // SHORT_BINSTRING
      case 0x42: stack.push(slice(u32()).slice()); break; // BINBYTES
      case 0x43: stack.push(slice(u8()).slice()); break; // SHORT_BINBYTES
      case 0x63: { const module = line(); const name = line(); stack.push(hooks.global(module, name)); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        stack.push(hooks.global(module as string, name as string));
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        const fn = pop();
        if (!Array.isArray(args)) fail('REDUCE arguments are not a tuple');
        stack.push(hooks.call(fn, args as unknown[]));
        break;
      }
      case 0x81: { // NEWOBJ: cls.__new__(cls, *args), treated as a call the hooks must allow
        const args = pop();
        const cls = pop();
        stack.push(hooks.call(cls, Array.isArray(args) ? args : []));
        break;
      }
      case 0x62: { const state = pop(); const obj = pop(); stack.push(hooks.build(obj, state)); break; } // BUILD
      case 0x51: stack.push(hooks.persistentLoad(pop())); break; // BINPERSID
      case 0x73: { const v = pop(); const k = pop(); asDict(top()).set(k, v); break; } // SETITEM
      case 0x75: { // SETITEMS
        const items = popMark();
        const d = asDict(top());
        for (let i = 0; i + 1 < items.length; i += 2) d.set(items[i], items[i + 1]);
        break;
      }
      case 0x61: { const v = pop(); asList(top()).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); asList(top()).push(...items); break; } // APPENDS
      case 0x30: pop(); break; // POP
      case 0x32: stack.push(top()); break; // DUP
      default:
        pos--;
        fail(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')}`);
    }
  }
}
