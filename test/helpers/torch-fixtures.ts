import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, type TestContext } from 'node:test';
import { requireTorch, runPython } from './torch.js';
import { TINY_DIR } from '../tuning/xglm/golden.js';

let _dir: string | undefined;
// Registered at load, so it runs once after the whole file (inside a test it would run after that test).
after(() => {
  if (_dir) rmSync(_dir, { recursive: true, force: true });
});

/**
 * The checkpoints test/fixtures/make_torch_checkpoints.py writes with torch from tiny-xglm (made
 * once per test file, removed after it); undefined when the test was skipped for a missing torch.
 */
export function torchFixtures(t: TestContext): string | undefined {
  if (!requireTorch(t)) return undefined;
  if (_dir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'tokgap-torch-fx-'));
    runPython('make_torch_checkpoints.py', [TINY_DIR, dir]);
    _dir = dir;
  }
  return _dir;
}

/** Bitwise equality of two typed arrays' bytes. */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
