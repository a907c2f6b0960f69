/**
 * The exit statuses of every `analyze` command: one table, documented in the README and in
 * `analyze --help`. Scripts may rely on it.
 */
export const EXIT = {
  /** The command did what was asked. */
  OK: 0,
  /** A bug in tokgap: an exception no check anticipated (the one-line message says where to report it). */
  INTERNAL: 1,
  /** An option, argument or input file was wrong (unknown option, bad value, malformed file). */
  USAGE: 2,
  /** Something needed is missing or unreachable (a model folder, a dataset, a backend, a package). */
  MISSING: 3,
  /** Some cells of a queued grid failed after all their attempts (`analyze queue status` lists them). */
  FAILED: 4,
  /** Stopped by Ctrl-C (SIGINT); checkpoints are kept. */
  INTERRUPTED: 130,
  /** Stopped by SIGTERM; checkpoints are kept. */
  TERMINATED: 143,
} as const;

/** Error codes (TokgapError.code) that mean a missing resource; every other code is a usage error. */
const MISSING_CODES = new Set([
  'NOT_FOUND', 'MISSING_PACKAGE', 'BACKEND_UNAVAILABLE', 'DATASET_UNAVAILABLE', 'HUB_ACCESS', 'STAGE_UNAVAILABLE', 'QUEUE_UNREACHABLE',
  // A grid worker killed from outside, most often by the kernel for memory.
  'WORKER_KILLED',
]);

export function exitCodeFor(code: string): number {
  if (code === 'CELLS_FAILED') return EXIT.FAILED;
  return MISSING_CODES.has(code) ? EXIT.MISSING : EXIT.USAGE;
}

/** The table as `analyze --help` prints it. */
export const EXIT_CODES_HELP = [
  'Exit status:',
  `  ${EXIT.OK}    done`,
  `  ${EXIT.INTERNAL}    internal error (a bug: please report it; --debug shows the trace)`,
  `  ${EXIT.USAGE}    bad option, argument or input file`,
  `  ${EXIT.MISSING}    missing resource (model folder, dataset, backend, package, unreachable queue)`,
  `  ${EXIT.FAILED}    cells of a queued grid failed after all attempts (analyze queue status)`,
  `  ${EXIT.INTERRUPTED}  interrupted by Ctrl-C (SIGINT); ${EXIT.TERMINATED} by SIGTERM`,
].join('\n');
