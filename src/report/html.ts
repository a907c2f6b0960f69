/**
 * The generic report: a title, a provenance header and sections (charts, tables, HTML), written
 * as ONE self-contained HTML file (Vega, Vega-Lite and vega-embed inlined, data embedded, opens
 * offline from disk) plus each chart's spec as `.vl.json` and, by default, as `.svg`.
 */
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { ChartSection, Report, ReportFiles, ReportRenderOptions, ReportSection } from './types.js';
import { reportErrors } from './errors.js';
import { escapeHtml, jsonForScript, scriptSafe } from './escape.js';
import { vegaScripts, vegaVersions } from './assets.js';
import { provenanceHtml } from './provenance.js';
import { TABLE_SCRIPT, tableHtml } from './table.js';
import { specToSvg } from './svg.js';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const STYLE = `
body { font: 15px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 13px; background: #f7f7f7; padding: 12px 16px; border-radius: 4px; }
.provenance dt { font-weight: bold; } .provenance dd { margin: 0; } .provenance ul { margin: 0; padding-left: 18px; }
code { font: 12px/1.4 Menlo, Consolas, monospace; } .hash { word-break: break-all; color: #555; }
.note { color: #666; font-size: 13px; }
figure { margin: 12px 0 24px; } figcaption { font-size: 13px; color: #444; margin-top: 4px; }
.files { font-size: 12px; color: #666; } .files a { color: #3366aa; }
.table-wrap { overflow-x: auto; max-height: 640px; overflow-y: auto; }
.table-search { margin: 6px 0; font-size: 13px; } .table-search input { font: inherit; padding: 2px 6px; width: 260px; }
table.sortable { border-collapse: collapse; font-size: 12.5px; }
table.sortable th, table.sortable td { padding: 3px 8px; border-bottom: 1px solid #e6e6e6; text-align: left; white-space: nowrap; }
table.sortable th { position: sticky; top: 0; background: #fafafa; vertical-align: bottom; }
table.sortable th button { font: inherit; font-weight: bold; border: 0; background: none; padding: 0; cursor: pointer; }
table.sortable th[aria-sort=ascending] button::after { content: ' ▲'; } table.sortable th[aria-sort=descending] button::after { content: ' ▼'; }
table.sortable .unit { display: block; font-weight: normal; color: #777; font-size: 11px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.missing { color: #aaa; font-style: italic; }
.example { margin: 10px 0 14px; } .example-head { font-size: 12.5px; color: #555; margin-bottom: 3px; }
.seg { font-size: 17px; line-height: 2; white-space: pre-wrap; }
.tok { border-radius: 3px; padding: 2px 0; }
.tok.c0 { background: #cfe3f6; } .tok.c1 { background: #fbe1b6; } .tok.c2 { background: #d4efcf; } .tok.c3 { background: #ecd7f2; }
.tok.unk { outline: 2px solid #d62728; background: #fbd3d3; }
.tok.byte { outline: 2px dashed #e07b00; }
.tok.ctl { color: #888; font-size: 12px; }
#vg-tooltip-element { font-size: 12px; }
@media print { .vega-embed .vega-actions, .vega-embed summary, .files { display: none; } h2 { break-after: avoid; } figure { break-inside: avoid; } }
`;

/** Boot code: embed every chart with the SVG renderer; `data-rendered` on <body> tells tests it is done. */
const EMBED_SCRIPT = `
(function () {
  var charts = JSON.parse(document.getElementById('tokgap-charts').textContent);
  var options = { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false }, tooltip: { theme: 'light' } };
  window.tokgapReport = Promise.all(charts.map(function (c) { return vegaEmbed('#chart-' + c.id, c.spec, options); }))
    .then(function (results) { document.body.setAttribute('data-rendered', String(results.length)); return results; })
    .catch(function (error) { document.body.setAttribute('data-render-error', String(error && error.message || error)); console.error(error); });
})();
`;

function validate(report: Report, name: string): void {
  if (!SAFE_NAME.test(name)) throw reportErrors.badName(name);
  const seen = new Set<string>();
  for (const s of report.sections) {
    if (s.kind === 'html') continue;
    if (!SAFE_ID.test(s.id) || seen.has(s.id)) throw reportErrors.badSectionId(s.id);
    seen.add(s.id);
  }
}

function sectionHtml(section: ReportSection, name: string, svg: boolean): string {
  const heading = section.title ? `<h2>${escapeHtml(section.title)}</h2>\n` : '';
  switch (section.kind) {
    case 'chart': {
      const files = [`<a href="${escapeHtml(`${name}-${section.id}.vl.json`)}">Vega-Lite spec</a>`];
      if (svg) files.push(`<a href="${escapeHtml(`${name}-${section.id}.svg`)}">SVG</a>`);
      const caption = section.caption ? `<figcaption>${escapeHtml(section.caption)}</figcaption>` : '';
      return `<section class="chart">${heading}<figure><div id="chart-${section.id}" class="chart-view"></div>${caption}<div class="files">${files.join(' · ')}</div></figure></section>`;
    }
    case 'table':
      return `<section class="table">${heading}${tableHtml(section)}</section>`;
    case 'html':
      return `<section class="html">${heading}${section.html}</section>`;
  }
}

/** The whole HTML document as a string (pure; `renderReport` writes it). */
export function buildReportHtml(report: Report, options: ReportRenderOptions = {}): string {
  const name = options.name ?? 'report';
  const svg = options.svg ?? true;
  validate(report, name);
  const charts = report.sections.filter((s): s is ChartSection => s.kind === 'chart').map((s) => ({ id: s.id, spec: s.spec }));
  const libraries = vegaScripts()
    .map((s) => `<script data-lib="${s.name}">${scriptSafe(s.source)}</script>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tokgap ${escapeHtml(report.provenance.version)}">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
${libraries}
</head>
<body>
<main>
<h1>${escapeHtml(report.title)}</h1>
${provenanceHtml(report.provenance, vegaVersions())}
${report.sections.map((s) => sectionHtml(s, name, svg)).join('\n')}
</main>
<script type="application/json" id="tokgap-charts">${jsonForScript(charts)}</script>
<script>${TABLE_SCRIPT}</script>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}

/** Write `<name>.html`, `<name>-<id>.vl.json` and (unless `svg: false`) `<name>-<id>.svg` into `outDir`. */
export async function renderReport(report: Report, outDir: string, options: ReportRenderOptions = {}): Promise<ReportFiles> {
  const name = options.name ?? 'report';
  const svg = options.svg ?? true;
  const html = buildReportHtml(report, options);
  const dir = resolve(outDir);
  const files: ReportFiles = { html: join(dir, `${name}.html`), specs: {}, svgs: {} };
  for (const section of report.sections) {
    if (section.kind !== 'chart') continue;
    const specPath = join(dir, `${name}-${section.id}.vl.json`);
    writeFileAtomic(specPath, `${JSON.stringify(section.spec, null, 2)}\n`);
    files.specs[section.id] = specPath;
    if (svg) {
      const svgPath = join(dir, `${name}-${section.id}.svg`);
      writeFileAtomic(svgPath, await specToSvg(section.spec, basename(svgPath)));
      files.svgs[section.id] = svgPath;
    }
  }
  writeFileAtomic(files.html, html);
  return files;
}
