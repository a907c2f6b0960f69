import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** Debian's Python, which has PyTorch 1.13 CPU (`python3-torch`, installed by .ci/run): the reference for numerics and checkpoint tests. */
export const TORCH_PYTHON = '/usr/bin/python3';
export const FIXTURE_SCRIPTS = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Environment for PyTorch runs: OpenBLAS's OpenMP build (the pthread one is 2–3× slower) and 2 threads. */
export const TORCH_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  LD_LIBRARY_PATH: ['/usr/lib/x86_64-linux-gnu/openblas-openmp', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
  OMP_NUM_THREADS: '2',
};

const probe = spawnSync(TORCH_PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8', env: TORCH_ENV });
/** The PyTorch version, or undefined when torch (or numpy) cannot be imported. */
export const torchVersion: string | undefined = probe.status === 0 ? probe.stdout.trim() : undefined;

export function torchAvailable(): boolean {
  return torchVersion !== undefined;
}

/**
 * `skip` option for node:test: false when PyTorch is there, else why not. Under `CI=true` it is
 * always false, so a CI machine without PyTorch fails the test instead of skipping it.
 */
export const torchSkip: false | string =
  torchVersion !== undefined || process.env.CI === 'true' ? false : `${TORCH_PYTHON} cannot import torch (install python3-torch); PyTorch test skipped`;

/**
 * True when python3 + torch can run. Without them the test is skipped locally, but under CI=true
 * it fails: the ground truth must never silently go missing.
 */
export function requireTorch(t: TestContext): boolean {
  if (torchAvailable()) return true;
  if (process.env.CI === 'true') throw new Error(`${TORCH_PYTHON} cannot import torch and numpy (CI=true: a missing ground truth is a failure)`);
  t.skip(`${TORCH_PYTHON} with torch not available`);
  return false;
}

/** Run a python script from test/fixtures; returns stdout, throws with stderr on failure. */
export function runPython(script: string, args: string[]): string {
  const r = spawnSync(TORCH_PYTHON, [FIXTURE_SCRIPTS + script, ...args], { env: TORCH_ENV, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Run python code given inline (e.g. a one-liner an error message suggests). */
export function runPythonCode(code: string): void {
  const r = spawnSync(TORCH_PYTHON, ['-c', code], { env: TORCH_ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed (${r.status}):\n${r.stderr}`);
}
