import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { needTool } from './tools.js';

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

const TORCH_WHAT = `PyTorch and numpy for ${TORCH_PYTHON}`;
const TORCH_INSTALL = 'apt-get install python3-torch';

/** `skip` option for node:test (test/helpers/tools.ts): under CI a missing PyTorch fails. */
export const torchSkip = (): false | string => needTool(torchAvailable(), TORCH_WHAT, TORCH_INSTALL);

/** Inside a running test: true when PyTorch can run; else skips `t` (outside CI) or throws (under CI). */
export function requireTorch(t: TestContext): boolean {
  const skip = torchSkip();
  if (skip === false) return true;
  t.skip(skip);
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
