import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** Debian's python3 with PyTorch 1.13 (installed by .ci/run): the ground truth for checkpoint formats. */
export const PYTHON = '/usr/bin/python3';
export const FIXTURE_SCRIPTS = fileURLToPath(new URL('../fixtures/', import.meta.url));

const ENV = { ...process.env, LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu/openblas-openmp', OMP_NUM_THREADS: '2' };

let _available: boolean | undefined;
export function torchAvailable(): boolean {
  _available ??= spawnSync(PYTHON, ['-c', 'import torch, numpy'], { env: ENV, stdio: 'ignore' }).status === 0;
  return _available;
}

/**
 * True when python3 + torch can run. Without them the test is skipped locally, but under CI=true
 * it fails: the ground truth must never silently go missing.
 */
export function requireTorch(t: TestContext): boolean {
  if (torchAvailable()) return true;
  if (process.env.CI === 'true') throw new Error(`${PYTHON} cannot import torch and numpy (CI=true: a missing ground truth is a failure)`);
  t.skip(`${PYTHON} with torch not available`);
  return false;
}

/** Run a python script from test/fixtures; returns stdout, throws with stderr on failure. */
export function runPython(script: string, args: string[]): string {
  const r = spawnSync(PYTHON, [FIXTURE_SCRIPTS + script, ...args], { env: ENV, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Run python code given inline (e.g. a one-liner an error message suggests). */
export function runPythonCode(code: string): void {
  const r = spawnSync(PYTHON, ['-c', code], { env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed (${r.status}):\n${r.stderr}`);
}
