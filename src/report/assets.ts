/**
 * Files from node_modules that reports inline: the Vega, Vega-Lite and vega-embed browser builds
 * and world-atlas' Natural Earth countries. Each is read once per process (about 1 MB in all).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportAssetNotFoundError } from './errors.js';

const cache = new Map<string, string>();

/**
 * The folder of an installed package: Node's lookup (`node_modules/<name>` in this folder or any
 * above). Done by hand because some packages' `exports` hide their build files and package.json.
 */
function packageDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ReportAssetNotFoundError(`package "${name}" is not installed`, { field: name, expected: `npm install ${name}` });
}

function readAsset(pkg: string, relative: string): string {
  const key = `${pkg}/${relative}`;
  let text = cache.get(key);
  if (text === undefined) {
    const path = join(packageDir(pkg), relative);
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new ReportAssetNotFoundError(`cannot read ${key}`, { file: path, cause });
    }
    cache.set(key, text);
  }
  return text;
}

/** The three minified browser builds in load order (vega-embed needs the globals of the first two). */
export function vegaScripts(): { name: string; source: string }[] {
  return [
    { name: 'vega', source: readAsset('vega', 'build/vega.min.js') },
    { name: 'vega-lite', source: readAsset('vega-lite', 'build/vega-lite.min.js') },
    { name: 'vega-embed', source: readAsset('vega-embed', 'build/vega-embed.min.js') },
  ];
}

/** Versions of the inlined libraries, for the report footer. */
export function vegaVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['vega', 'vega-lite', 'vega-embed']) {
    out[name] = (JSON.parse(readAsset(name, 'package.json')) as { version: string }).version;
  }
  return out;
}

export interface TopoJson {
  type: 'Topology';
  objects: Record<string, unknown>;
  arcs: unknown[];
  transform?: unknown;
}

let atlas: TopoJson | undefined;
/** Natural Earth 1:110m countries as TopoJSON (object `countries`), from world-atlas. */
export function worldAtlas(): TopoJson {
  atlas ??= JSON.parse(readAsset('world-atlas', 'countries-110m.json')) as TopoJson;
  return atlas;
}
