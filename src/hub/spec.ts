/** Naming a model: `hub:OWNER/NAME[@REVISION]` or a folder path. */
import { InvalidOptionError } from '../errors.js';

export interface HubRef {
  repo: string;
  revision: string;
}

export type ModelSpec = { kind: 'hub'; ref: HubRef } | { kind: 'folder'; path: string };

const REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** `OWNER/NAME[@REVISION]` (the part after `hub:`); the revision defaults to `main`. */
export function parseHubRef(arg: string): HubRef {
  const [repo = '', revision = 'main', ...rest] = arg.split('@');
  if (!REPO.test(repo) || rest.length > 0 || revision.length === 0 || repo.includes('..')) {
    throw new InvalidOptionError(`"${arg}" is not a Hub repository`, { field: 'hub:OWNER/NAME[@REVISION]', expected: 'e.g. hub:facebook/xglm-564M or hub:facebook/xglm-564M@main' });
  }
  return { repo, revision };
}

export function isHubSpec(spec: string): boolean {
  return spec.startsWith('hub:');
}

export function parseModelSpec(spec: string): ModelSpec {
  if (isHubSpec(spec)) return { kind: 'hub', ref: parseHubRef(spec.slice('hub:'.length)) };
  if (spec.trim() === '') throw new InvalidOptionError('empty model spec', { field: 'model', expected: 'a model folder or hub:OWNER/NAME[@REVISION]' });
  return { kind: 'folder', path: spec };
}
