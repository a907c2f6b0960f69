import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The stages of src/ in import order (docs/architecture.md): a file may import from its own
 * stage and from stages listed before it, never from a later one. `errors.ts` and `util/` are
 * the foundation every stage may use; `index.ts` (the library map) and `cli/` come last.
 */
export const STAGE_ORDER: readonly (readonly string[])[] = [
  ['errors', 'util'],
  ['net'],
  ['hub'],
  ['corpora'],
  ['tokenizers'],
  ['tables'],
  ['stats'],
  ['datasets'],
  ['tasks'],
  ['tuning'],
  ['queue'],
  ['correlation'],
  ['report'],
  ['studies'],
  ['cli'],
  ['index'],
];

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const rank = new Map(STAGE_ORDER.flatMap((stages, i) => stages.map((s) => [s, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The stage of a path under src/: its first folder, or the file's name for files at the top. */
const stageOf = (path: string): string => relative(SRC, path).split('/')[0]!.replace(/\.[jt]s$/, '');

/** Relative module specifiers of static imports, re-exports, `import type` and dynamic `import()`. */
export function relativeImports(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'|\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) {
    specs.push((m[1] ?? m[2])!);
  }
  return specs;
}

test('the import scanner sees every kind of import', () => {
  const src = `import a from './a.js';\nimport type { B } from '../b/c.js';\nexport * from './d.js';\nexport { e } from '../e.js';\nconst f = await import('../f/g.js');\nimport './side.js';\nimport x from 'pkg';`;
  assert.deepEqual(relativeImports(src), ['./a.js', '../b/c.js', './d.js', '../e.js', '../f/g.js', './side.js']);
});

test('every folder of src/ is a known stage', () => {
  const stages = [...new Set(sourceFiles(SRC).map(stageOf))].sort();
  assert.deepEqual(stages.filter((s) => !rank.has(s)), [], 'add new stages to STAGE_ORDER and docs/architecture.md');
});

test('each stage imports only from itself and the stages before it', () => {
  const backward: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = stageOf(file);
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      assert.ok(target.startsWith(SRC), `${relative(SRC, file)} imports ${spec}, outside src/`);
      const to = stageOf(target);
      if (rank.get(to)! > rank.get(from)!) backward.push(`${relative(SRC, file)} → ${spec} (${from} imports the later stage ${to})`);
    }
  }
  assert.deepEqual(backward, []);
});
