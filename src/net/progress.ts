/**
 * Progress of a download: bytes, rate and ETA on one redrawn stderr line, only on a terminal.
 * The CLI sets the process default once from --json/--quiet (`setDownloadProgress`); a library
 * caller gets none unless it passes one, so the library itself never prints.
 */
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';

// Loaded on the first drawn line only, so that starting the CLI (e.g. --help) stays light.
const loadCliProgress = (): typeof cliProgress => createRequire(import.meta.url)('cli-progress') as typeof cliProgress;

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

/**
 * cli-progress draws and throttles the line and stays silent when `stream` is not a TTY; the rate
 * counts only this run's bytes, so a resumed file does not show an inflated speed.
 */
export function terminalDownloadProgress(stream: NodeJS.WriteStream = process.stderr): DownloadProgress {
  let bar: cliProgress.SingleBar | undefined;
  let startedAt = 0;
  let startBytes = 0;
  let label = '';
  return {
    start(name, total, done) {
      if (!stream.isTTY) return;
      label = name;
      startedAt = Date.now();
      startBytes = done;
      bar = new (loadCliProgress().SingleBar)({
        stream, hideCursor: false, clearOnComplete: false, fps: 8, barsize: 24,
        format: (options, params) => {
          const seconds = Math.max((Date.now() - startedAt) / 1000, 1e-3);
          const rate = (params.value - startBytes) / seconds;
          const known = params.total > 0;
          const eta = known && rate > 0 ? (params.total - params.value) / rate : Number.NaN;
          const filled = known ? Math.round((params.value / params.total) * (options.barsize ?? 24)) : 0;
          const barText = known ? `${'█'.repeat(filled)}${'░'.repeat((options.barsize ?? 24) - filled)} ` : '';
          return `${barText}${formatBytes(params.value)}${known ? ` / ${formatBytes(params.total)}` : ''}  ${formatBytes(rate)}/s  ETA ${formatEta(eta)}  ${label}`;
        },
      });
      bar.start(total ?? 0, done);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
