/**
 * How commands talk to people and scripts: progress goes to stderr only on a terminal and never
 * with --json or --quiet; results go to stdout as text or JSON.
 */
import { terminalLine } from '../util/terminal-line.js';

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

export interface Output {
  /** A human message on stderr (suppressed by --json and --quiet). */
  info(message: string): void;
  /** Progress for long work: `done` of `total` units with a label; redraws one line on a TTY. */
  progress(label: string, done: number, total: number): void;
  /** End a progress line. */
  progressDone(): void;
  /** The command's result: JSON with --json, else `text` (nothing with --quiet). */
  result(value: unknown, text: () => string): void;
}

export function createOutput(options: OutputOptions, stream: NodeJS.WriteStream = process.stderr): Output {
  const silent = Boolean(options.json || options.quiet);
  const tty = Boolean(stream.isTTY);
  const line = terminalLine(stream, 100);
  return {
    info(message) {
      if (silent) return;
      line.end();
      stream.write(`${message}\n`);
    },
    progress(label, done, total) {
      if (silent || !tty) return;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      line.draw(`${bar} ${done}/${total} ${label}`, done >= total);
    },
    progressDone() {
      line.end();
    },
    result(value, text) {
      if (options.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else if (!options.quiet) process.stdout.write(`${text()}\n`);
    },
  };
}
