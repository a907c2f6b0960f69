/**
 * Check, before any long work, that an output location can be written: a folder that exists as a
 * folder or can be created, a file whose place is a file (or free) inside a writable folder. The
 * error names the path, the option and what is wrong, so a run never trains or counts and then
 * fails on ENOTDIR/EACCES while saving. Nothing is created; a probe file is made and removed in the
 * nearest existing folder, which also catches read-only mounts where access() would say yes to root.
 */
import { existsSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidOptionError } from '../errors.js';

export interface OutputLocationOptions {
  /** The option that named the path (`--out`, `--results`), for the message. */
  option: string;
}

/** The path itself when it exists, else its nearest existing ancestor. */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

function fail(path: string, option: string, problem: string, expected: string): never {
  throw new InvalidOptionError(`cannot write ${option} here: ${problem}`, { file: path, field: option, expected });
}

/** Whether a file can be created in `dir` (an existing folder). */
function writableFolder(dir: string): boolean {
  try {
    rmdirSync(mkdtempSync(join(dir, '.tokgap-write-check-')));
    return true;
  } catch {
    return false;
  }
}

/** `dir` is, or can become, a folder tokgap can write files in. */
export function checkOutputFolder(dir: string, { option }: OutputLocationOptions): void {
  _checkFolder(dir, dir, option, 'a folder that exists or can be created, and can be written');
}

/** Messages name `shown` (the path the user gave), the folder checked is `dir`. */
function _checkFolder(dir: string, shown: string, option: string, expected: string): void {
  const existing = nearestExisting(dir);
  if (!statSync(existing).isDirectory()) {
    fail(shown, option, existing === resolve(shown) ? 'it is a file, not a folder' : `${existing} is a file, so ${shown === dir ? 'the folder' : 'it'} cannot be created`, expected);
  }
  if (!writableFolder(existing)) {
    fail(shown, option, existing === resolve(shown) ? `the folder ${existing} is read-only` : `${existing} is read-only, so ${shown === dir ? 'the folder' : 'it'} cannot be created`, expected);
  }
}

/** `file` is, or can become, a file tokgap can write (atomically: its folder must be writable too). */
export function checkOutputFile(file: string, { option }: OutputLocationOptions): void {
  const path = resolve(file);
  const expected = 'a file in a folder that exists or can be created, and can be written';
  if (existsSync(path) && statSync(path).isDirectory()) fail(file, option, 'it is a folder, not a file', expected);
  _checkFolder(dirname(path), file, option, expected);
}

/** Remove `dir` if it is an empty folder (a checkpoint root whose last run finished); else leave it. */
export function removeFolderIfEmpty(dir: string): void {
  try {
    if (statSync(dir).isDirectory() && readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // gone already, or not ours to remove: nothing to tidy
  }
}
