/**
 * External tools some tests compare against (the C++ SentencePiece CLIs, Chromium, PyTorch,
 * script(1)). A test that needs one passes `needTool(...)` as its `skip` option: it runs when the
 * tool is there; without it the test is skipped, saying why, except under CI, where a missing
 * tool is a failure (the file fails to load with the reason), so ground truth never goes missing.
 */
import { spawnSync } from 'node:child_process';

/** True when the environment says CI (`CI` set to anything but empty, `0` or `false`). */
export const IN_CI: boolean = !['', '0', 'false', undefined].includes(process.env.CI?.toLowerCase());

export class MissingToolError extends Error {
  constructor(what: string, install: string) {
    super(`${what} is missing, and CI is set, so a test that needs it fails instead of skipping (install: ${install})`);
    this.name = 'MissingToolError';
  }
}

/**
 * `skip` option for node:test: false when `available`; else, outside CI, the reason to skip;
 * under CI it throws a MissingToolError.
 */
export function needTool(available: boolean, what: string, install: string, ci: boolean = IN_CI): false | string {
  if (available) return false;
  if (ci) throw new MissingToolError(what, install);
  return `${what} is not installed (${install}); test skipped`;
}

/** Whether `command args` starts at all (a missing binary gives a spawn error). */
export const commandRuns = (command: string, args: readonly string[] = ['--help']): boolean =>
  spawnSync(command, args, { stdio: 'ignore' }).error === undefined;

const spmTools = ['spm_train', 'spm_encode', 'spm_decode'];
let spm: boolean | undefined;
/** The SentencePiece CLIs (Debian package `sentencepiece`): the reference for encode/decode and training. */
export const spmSkip = (): false | string => needTool((spm ??= spmTools.every((c) => commandRuns(c))), spmTools.join('/'), 'apt-get install sentencepiece');

/** script(1) gives a child process a terminal (Debian package `bsdutils`). */
export const scriptSkip = (): false | string => needTool(spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0, 'script(1)', 'apt-get install bsdutils');
