/**
 * Start a worker thread on a module of this package, from compiled `dist/` (.js) or from source
 * under tsx (.ts). A worker does not inherit tsx's loader hooks, so from source it registers tsx
 * itself before importing the .ts module; from dist/ the .js module starts directly.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `name` is the module's file name without extension, beside the module at `base` (its import.meta.url). */
export function workerModuleUrl(base: string, name: string): URL {
  const ext = new URL(base).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}

export function startWorkerThread(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
