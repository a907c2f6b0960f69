import { existsSync, mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * A fresh sibling temp path for `target` (its folder created), to be renamed over it once
 * complete. Streaming writers (downloads, archive extraction) use it directly; `.part` marks theirs.
 */
export function tempPathBeside(target: string, suffix: 'tmp' | 'part' = 'tmp'): string {
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  return join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

/**
 * Write a file so that readers see either the old content or the whole new content, never a
 * half-written file: write a temp file in the same folder, then rename it over the target.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempPathBeside(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Write a whole folder so that readers see the old folder or the complete new one, never a
 * half-filled one: `fill` writes into a fresh sibling temp folder, which is then renamed over
 * `target` (an existing `target` is moved aside first and removed after). A throw from `fill`
 * leaves `target` as it was.
 */
export function writeFolderAtomic(target: string, fill: (tmpDir: string) => void): void {
  const tmp = tempPathBeside(target);
  mkdirSync(tmp);
  let old: string | undefined;
  try {
    fill(tmp);
    if (existsSync(target)) {
      old = tempPathBeside(target, 'tmp');
      renameSync(target, old);
    }
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    if (old !== undefined && !existsSync(target)) renameSync(old, target);
    throw error;
  }
  if (old !== undefined) rmSync(old, { recursive: true, force: true });
}
