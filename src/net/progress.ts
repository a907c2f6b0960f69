/**
 * Progress of a download: bytes, rate and ETA on one redrawn stderr line, only on a terminal.
 * The CLI sets the process default once from --json/--quiet (`setDownloadProgress`); a library
 * caller gets none unless it passes one, so the library itself never prints.
 */
import { terminalLine, type TerminalLine } from '../util/terminal-line.js';

export interface DownloadProgress {
  /** A transfer of `label` starts with `done` bytes already there (a resumed `.part`) of `total` (undefined when unknown). */
  start(label: string, total: number | undefined, done: number): void;
  /** `done` bytes are now on disk. */
  update(done: number): void;
  /** The transfer ended (complete or not). */
  stop(): void;
}

let processDefault: DownloadProgress | null = null;

/** The progress every download uses unless given its own; null for none. */
export function setDownloadProgress(progress: DownloadProgress | null): void {
  processDefault = progress;
}

export function defaultDownloadProgress(): DownloadProgress | null {
  return processDefault;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units, as HF and browsers show sizes. */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) { v /= 1000; u++; }
  return `${u === 0 ? v.toFixed(0) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${UNITS[u]}`;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const BAR_WIDTH = 24;

/**
 * Redrawn at most 8 times a second, and only when `stream` is a TTY; the rate counts only this
 * run's bytes, so a resumed file does not show an inflated speed.
 */
export function terminalDownloadProgress(stream: NodeJS.WriteStream = process.stderr): DownloadProgress {
  let line: TerminalLine | undefined;
  let startedAt = 0;
  let startBytes = 0;
  let totalBytes: number | undefined;
  let label = '';
  const text = (value: number): string => {
    const seconds = Math.max((Date.now() - startedAt) / 1000, 1e-3);
    const rate = (value - startBytes) / seconds;
    const known = totalBytes !== undefined && totalBytes > 0;
    const eta = known && rate > 0 ? (totalBytes! - value) / rate : Number.NaN;
    const filled = known ? Math.min(BAR_WIDTH, Math.round((value / totalBytes!) * BAR_WIDTH)) : 0;
    const barText = known ? `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ` : '';
    return `${barText}${formatBytes(value)}${known ? ` / ${formatBytes(totalBytes!)}` : ''}  ${formatBytes(rate)}/s  ETA ${formatEta(eta)}  ${label}`;
  };
  let last = 0;
  return {
    start(name, total, done) {
      if (!stream.isTTY) return;
      label = name;
      startedAt = Date.now();
      startBytes = done;
      totalBytes = total;
      last = done;
      line = terminalLine(stream, 125);
      line.draw(text(done), true);
    },
    update(done) {
      last = done;
      line?.draw(text(done));
    },
    stop() {
      line?.draw(text(last), true);
      line?.end();
      line = undefined;
    },
  };
}
