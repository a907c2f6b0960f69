import assert from 'node:assert/strict';
import { compile, type TopLevelSpec } from 'vega-lite';

type VegaNode = { marks?: VegaNode[]; data?: { name: string; values?: unknown[] }[] };

const countMarks = (node: VegaNode): number => (node.marks ?? []).reduce((n, m) => n + 1 + countMarks(m), 0);

/**
 * Compile a Vega-Lite spec as the report's renderer does and check what compiling can get wrong
 * without throwing: Vega-Lite only warns on a field, channel or mark it cannot use, so any
 * warning fails here. Returns the mark count and the number of inline data rows the Vega spec holds.
 */
export function compileChecked(spec: TopLevelSpec, label = ''): { marks: number; rows: number } {
  const warnings: string[] = [];
  const logger = {
    level() { return logger; },
    info() { return logger; },
    debug() { return logger; },
    warn(...args: unknown[]) { warnings.push(args.map(String).join(' ')); return logger; },
    error(...args: unknown[]) { throw new Error(args.map(String).join(' ')); },
  };
  const vega = compile(spec, { logger: logger as never }).spec as VegaNode;
  assert.deepEqual(warnings, [], `${label}: Vega-Lite warnings`);
  const marks = countMarks(vega);
  const rows = (vega.data ?? []).reduce((n, d) => n + (d.values?.length ?? 0), 0);
  assert.ok(marks > 0, `${label}: compiled spec draws no mark`);
  assert.ok(rows > 0, `${label}: compiled spec carries no data`);
  return { marks, rows };
}
