/** Test helpers: run a Vega-Lite spec through Vega headless and read back what was drawn. */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderView(spec: TopLevelSpec): Promise<vega.View> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', logLevel: vega.Error });
  await view.runAsync();
  return view;
}

interface SceneNode {
  marktype?: string;
  role?: string;
  name?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
}

/** Every drawn item of `marktype` with role `mark` (bars, cells, circles), in scene order. */
export function drawnItems(view: vega.View, marktype: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: SceneNode, parent?: SceneNode): void => {
    if (parent && parent.marktype === marktype && parent.role === 'mark' && node.datum) found.push(node.datum);
    for (const child of node.items ?? []) walk(child, node);
  };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root);
  return found;
}

/** Find the inline data values of a spec (top level or in layers). */
export function dataValues(spec: TopLevelSpec): Record<string, unknown>[] {
  const s = spec as { data?: { values?: unknown } };
  return (s.data?.values ?? []) as Record<string, unknown>[];
}
