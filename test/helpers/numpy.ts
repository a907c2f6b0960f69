import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** Debian's Python with numpy: a second implementation for statistics tests. */
export const NUMPY_PYTHON = '/usr/bin/python3';

const probe = spawnSync(NUMPY_PYTHON, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
export const numpyVersion: string | undefined = probe.status === 0 ? probe.stdout.trim() : undefined;

/** True when python3 + numpy can run; skipped locally without them, a failure under CI=true. */
export function requireNumpy(t: TestContext): boolean {
  if (numpyVersion !== undefined) return true;
  if (process.env.CI === 'true') throw new Error(`${NUMPY_PYTHON} cannot import numpy (CI=true: a missing ground truth is a failure)`);
  t.skip(`${NUMPY_PYTHON} cannot import numpy (install python3-numpy); numpy comparison skipped`);
  return false;
}

/** Run inline python with `input` on stdin; returns stdout, throws with stderr on failure. */
export function runNumpy(code: string, input: string): string {
  const r = spawnSync(NUMPY_PYTHON, ['-c', code], { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}
