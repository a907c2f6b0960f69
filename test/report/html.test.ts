import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportHtml, renderReport, type Report } from '../../src/report/index.js';
import { PROVENANCE } from './fixtures.js';

const REPORT: Report = {
  title: 'Gaps <by> task',
  provenance: PROVENANCE,
  sections: [
    { kind: 'html', title: 'Notes', html: '<p>Written by a builder.</p>' },
    {
      kind: 'chart',
      id: 'gap',
      title: 'Gap',
      spec: {
        data: { values: [{ task: 'xnli', gap: 0.1, note: '</script><script>bad()</script>' }] },
        mark: 'bar',
        encoding: { x: { field: 'task', type: 'nominal' }, y: { field: 'gap', type: 'quantitative' } },
      },
    },
    { kind: 'table', id: 'cells', title: 'Cells', columns: [{ key: 'task', label: 'Task' }, { key: 'gap', label: 'Gap', numeric: true }], rows: [{ task: 'xnli', gap: 0.1 }] },
  ],
};

test('renderReport writes one HTML, each spec as .vl.json and .svg, and returns their paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-report-html-'));
  const files = await renderReport(REPORT, dir, { name: 'gaps' });
  assert.equal(files.html, join(dir, 'gaps.html'));
  assert.deepEqual(JSON.parse(readFileSync(files.specs.gap!, 'utf8')), REPORT.sections[1]!.kind === 'chart' ? REPORT.sections[1]!.spec : null);
  const svg = readFileSync(files.svgs.gap!, 'utf8');
  assert.match(svg, /^<svg [^>]*class="marks"/);
  assert.match(svg, />xnli</);
});

test('the HTML is self-contained: libraries inlined, no external script or data, JSON cannot break out', () => {
  const html = buildReportHtml(REPORT, { name: 'gaps' });
  assert.ok(!/<script[^>]+src=/i.test(html), 'no <script src>');
  assert.ok(!/<link[^>]+href=/i.test(html), 'no stylesheet links');
  for (const lib of ['vega', 'vega-lite', 'vega-embed']) assert.match(html, new RegExp(`<script data-lib="${lib}">`));
  assert.ok(html.length > 700_000, 'about 0.8 MB of inlined Vega');
  // The only `</script>` strings are the real closing tags: one per <script>.
  assert.equal((html.match(/<\/script>/g) ?? []).length, (html.match(/<script[ >]/g) ?? []).length);
  const json = /<script type="application\/json" id="tokgap-charts">(.*?)<\/script>/s.exec(html)![1]!;
  assert.equal(JSON.parse(json)[0].spec.data.values[0].note, '</script><script>bad()</script>');
  assert.match(html, /<title>Gaps &lt;by&gt; task<\/title>/);
  assert.match(html, /<a href="gaps-gap.vl.json">Vega-Lite spec<\/a> · <a href="gaps-gap.svg">SVG<\/a>/);
  assert.match(html, /sha256 <code class="hash">(ab){32}<\/code>/);
  assert.match(html, /analyze tokenization --tokenizer spm:a.model --corpus udhr --format html/);
});

test('section ids and names must be usable as file names', () => {
  const bad: Report = { ...REPORT, sections: [{ kind: 'chart', id: '../x', spec: { mark: 'point' } as never }] };
  assert.throws(() => buildReportHtml(bad), (e: any) => e.code === 'BAD_INPUT' && e.field === 'id');
  assert.throws(() => buildReportHtml(REPORT, { name: 'a/b' }), (e: any) => e.code === 'BAD_INPUT' && e.field === 'name');
  const twice: Report = { ...REPORT, sections: [REPORT.sections[1]!, REPORT.sections[1]!] };
  assert.throws(() => buildReportHtml(twice), (e: any) => e.field === 'id');
});
