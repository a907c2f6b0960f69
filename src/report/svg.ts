/**
 * Static export: a Vega-Lite spec → SVG through Vega's headless renderer (no canvas, no browser),
 * for papers. Text widths are estimated without a canvas, which is fine for labels.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../util/atomic-write.js';
import { reportErrors } from './errors.js';

/** Compile and render one spec to an SVG string. */
export async function specToSvg(spec: TopLevelSpec, id = 'chart'): Promise<string> {
  let view: vega.View | undefined;
  try {
    // Vega tags inline data objects as it loads them; work on a copy so the caller's spec stays as given.
    // Vega-Lite's compile warnings (e.g. on the facets' shared scales) would print on the user's
    // terminal for every chart; only errors are kept, as for the view below.
    const compiled = compile(structuredClone(spec), { logger: vega.logger(vega.Error) }).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
    return await view.toSVG();
  } catch (cause) {
    throw reportErrors.svgFailed(id, cause);
  } finally {
    view?.finalize();
  }
}

/** Render `spec` and write it atomically to `path`. */
export async function writeSvg(spec: TopLevelSpec, path: string): Promise<string> {
  writeFileAtomic(path, await specToSvg(spec, path));
  return path;
}
