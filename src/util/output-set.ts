/**
 * A run's output files appear whole or not at all, and a reused folder keeps nothing stale: the
 * run writes every output into a staging folder inside `outDir`; then, with SIGINT and SIGTERM
 * held back, each file is renamed into place, the files the previous run listed and this one did
 * not produce are removed, and a manifest (`.tokgap-outputs.json`) lists exactly this run's files.
 * An interrupt before that leaves the previous output untouched (the next run removes the staging
 * folder); renames are atomic within one folder tree, so readers never see half a file. A hard kill
 * (SIGKILL, power loss) during the few renames can still leave a mix; the manifest then says which
 * files belong to the run that finished.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from './atomic-write.js';
import { withInterruptsHeld } from './interrupt.js';

export const OUTPUT_MANIFEST = '.tokgap-outputs.json';

export interface OutputSetOptions {
  /** Manifest file name, one per kind of output sharing a folder (default `.tokgap-outputs.json`). */
  manifest?: string;
}
const STAGING_PREFIX = '.staging-';

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, base));
    else out.push(relative(base, path));
  }
  return out.sort();
}

/** The files the last complete run wrote into `outDir` (relative paths), or [] without a manifest. */
export function readOutputManifest(outDir: string, manifest = OUTPUT_MANIFEST): string[] {
  const file = join(outDir, manifest);
  if (!existsSync(file)) return [];
  try {
    const files = (JSON.parse(readFileSync(file, 'utf8')) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Write one run's outputs: `write` gets a fresh staging folder and writes every output there;
 * returns what `write` returned with the staged paths in it replaced by their final ones.
 */
export async function writeOutputSet<T>(outDir: string, write: (stagingDir: string) => Promise<T>, options: OutputSetOptions = {}): Promise<{ value: T; files: string[]; finalPath: (staged: string) => string }> {
  const manifest = options.manifest ?? OUTPUT_MANIFEST;
  const root = resolve(outDir);
  mkdirSync(root, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (entry.startsWith(STAGING_PREFIX)) rmSync(join(root, entry), { recursive: true, force: true });
  }
  const staging = join(root, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  const finalPath = (staged: string): string => join(root, relative(staging, resolve(staged)));
  try {
    const value = await write(staging);
    const files = listFiles(staging);
    const previous = readOutputManifest(root, manifest);
    withInterruptsHeld(() => {
      for (const file of files) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        renameSync(join(staging, file), join(root, file));
      }
      const kept = new Set(files);
      for (const file of previous) {
        const path = join(root, file);
        if (!kept.has(file) && !relative(root, path).startsWith('..') && existsSync(path) && statSync(path).isFile()) rmSync(path);
      }
      writeFileAtomic(join(root, manifest), `${JSON.stringify({ files }, null, 1)}\n`);
    });
    return { value: withFinalPaths(value, finalPath, staging), files, finalPath };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** `value` with every string path inside the staging folder mapped to its final place (result objects). */
export function withFinalPaths<T>(value: T, finalPath: (staged: string) => string, stagingDir: string): T {
  const map = (v: unknown): unknown => {
    if (typeof v === 'string') return v.startsWith(stagingDir) ? finalPath(v) : v;
    if (Array.isArray(v)) return v.map(map);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
    return v;
  };
  return map(value) as T;
}
