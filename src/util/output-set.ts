/**
 * A run's output files appear whole or not at all, and a reused folder keeps nothing stale: the
 * run writes every output into a staging folder inside `outDir`; then, with SIGINT and SIGTERM
 * held back, each file is renamed into place, the files the previous run listed and this one did
 * not produce are removed, and a manifest (`.tokgap-outputs.json`) lists exactly this run's files.
 * An interrupt before that leaves the previous output untouched (the next run removes the staging
 * folder); renames are atomic within one folder tree, so readers never see half a file. Before the
 * renames a journal (`<manifest>.pending`) names the staging folder and the previous run's files;
 * after a hard kill (SIGKILL, power loss) part-way through, the next writer to the folder (or
 * `recoverOutputSet`) finishes that commit first: the files still staged are moved in, the stale
 * ones removed, the manifest written. So the folder always converges to one run's complete set.
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
  /** Called after each file is renamed into place (tests stop the process there). */
  onRenamed?: (file: string) => void;
}

/** What a commit in progress must finish: its staging folder (a name inside `outDir`), its files, and the previous run's. */
interface PendingCommit {
  staging: string;
  files: string[];
  previous: string[];
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
  recoverOutputSet(root, manifest);
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
      const pending: PendingCommit = { staging: relative(root, staging), files, previous };
      writeFileAtomic(join(root, `${manifest}.pending`), `${JSON.stringify(pending)}\n`);
      finishCommit(root, manifest, pending, options.onRenamed);
    });
    return { value: withFinalPaths(value, finalPath, staging), files, finalPath };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Move a commit's staged files into place (those a killed commit had not moved yet), remove the
 * previous run's files it did not produce, write the manifest, then drop the journal.
 */
function finishCommit(root: string, manifest: string, pending: PendingCommit, onRenamed?: (file: string) => void): void {
  const staging = join(root, pending.staging);
  for (const file of pending.files) {
    const from = join(staging, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    renameSync(from, join(root, file));
    onRenamed?.(file);
  }
  const kept = new Set(pending.files);
  for (const file of pending.previous) {
    const path = join(root, file);
    if (!kept.has(file) && !relative(root, path).startsWith('..') && existsSync(path) && statSync(path).isFile()) rmSync(path);
  }
  writeFileAtomic(join(root, manifest), `${JSON.stringify({ files: pending.files }, null, 1)}\n`);
  rmSync(join(root, `${manifest}.pending`), { force: true });
}

/**
 * Finish a commit a hard kill interrupted, if `outDir` holds one; returns whether it did. Every
 * writer calls it first; readers that must not see a mix may call it too.
 */
export function recoverOutputSet(outDir: string, manifest = OUTPUT_MANIFEST): boolean {
  const journal = join(resolve(outDir), `${manifest}.pending`);
  if (!existsSync(journal)) return false;
  let pending: PendingCommit;
  try {
    pending = JSON.parse(readFileSync(journal, 'utf8')) as PendingCommit;
  } catch {
    // A journal cut short was written before any rename (it is written atomically): nothing moved.
    rmSync(journal, { force: true });
    return false;
  }
  if (typeof pending.staging !== 'string' || !pending.staging.startsWith(STAGING_PREFIX) || !Array.isArray(pending.files) || !Array.isArray(pending.previous)) {
    rmSync(journal, { force: true });
    return false;
  }
  withInterruptsHeld(() => finishCommit(resolve(outDir), manifest, pending));
  rmSync(join(resolve(outDir), pending.staging), { recursive: true, force: true });
  return true;
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
