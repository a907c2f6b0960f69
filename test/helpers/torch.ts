import { spawnSync } from 'node:child_process';

/** Debian's Python, which has PyTorch 1.13 CPU (`python3-torch`); the reference for numerics tests. */
export const TORCH_PYTHON = '/usr/bin/python3';

/** Environment for PyTorch runs: OpenBLAS's OpenMP build (the pthread one is 2–3× slower) and 2 threads. */
export const TORCH_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  LD_LIBRARY_PATH: ['/usr/lib/x86_64-linux-gnu/openblas-openmp', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
  OMP_NUM_THREADS: '2',
};

const probe = spawnSync(TORCH_PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', env: TORCH_ENV });
/** The PyTorch version, or undefined when it cannot be imported. */
export const torchVersion: string | undefined = probe.status === 0 ? probe.stdout.trim() : undefined;

/**
 * `skip` option for node:test: false when PyTorch is there, else why not. Under `CI=true` it is
 * always false, so a CI machine without PyTorch fails the test instead of skipping it.
 */
export const torchSkip: false | string =
  torchVersion !== undefined || process.env.CI === 'true' ? false : `${TORCH_PYTHON} cannot import torch (install python3-torch); PyTorch test skipped`;
