/**
 * The report views for many languages, opened in headless Chromium: the compact fertility view
 * (25 highest and lowest), fertility by script, every legend entry, the clustered JSD heatmap,
 * the table search, and the correlation scatter plots (panel titles, tick labels that do not run
 * together, model-file hashes). No console error or warning (Vega's included) is allowed.
 * Screenshots are saved under test-output/report/views/ (the path is printed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumSkip as skip, openReport as open, withChromium } from '../helpers/chromium.js';
import { writeCorrelationFixture } from '../helpers/correlation-fixture.js';
import { goldenPath } from '../helpers/shared.js';
import { renderTokenizationReport, type LanguageMeta } from '../../src/report/index.js';
import { correlateFiles } from '../../src/report/correlate-files.js';
import type { OverlapRow } from '../../src/tables/overlap.js';
import type { StatRow } from '../../src/tables/tidy.js';
import { PROVENANCE } from './fixtures.js';

const OUT = resolve(new URL('../../test-output/report/views', import.meta.url).pathname);

/**
 * 90 languages l00 … l89 in 30 scripts (S00 … S29, three languages each). Fertility of lNN is
 * 1 + NN/10, so the 25 highest are l89 … l65 and the 25 lowest l24 … l00. JSD between two
 * languages is 0.2 within a script and 0.9 across scripts, so clustering puts each script's
 * three languages side by side.
 */
const N = 90;
const code = (i: number) => `l${String(i).padStart(2, '0')}`;
const script = (i: number) => `S${String(Math.floor(i / 3)).padStart(2, '0')}`;
const LANGUAGES: LanguageMeta[] = Array.from({ length: N }, (_, i) => ({ code: code(i), name: `Language ${i}`, script: script(i), tier: i < 30 ? 'T1' : 'T4' }));

function statRows(): StatRow[] {
  return LANGUAGES.flatMap((l, i) => (['fertility', 'premium', 'owned_share'] as const).map((metric) => ({
    tokenizer: 'spm:many.model', corpus: 'udhr', language: l.code, metric,
    value: metric === 'fertility' ? 1 + i / 10 : metric === 'premium' ? 1 + i / 20 : 1 / N,
    word_source: 'segmenter' as const,
  })));
}

function overlapRows(n: number): OverlapRow[] {
  const rows: OverlapRow[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rows.push({ tokenizer: 'spm:many.model', language_a: code(i), language_b: code(j), jsd: script(i) === script(j) ? 0.2 : 0.9 });
  return rows;
}

const labelsOf = (page: Page, chart: string, role: string) => page.$$eval(`#chart-${chart} g.role-${role} text`, (ts) => ts.map((t) => t.textContent ?? ''));

test('compact fertility view, script summary, full legends, clustered JSD heatmap and table search', { skip: skip(), timeout: 180_000 }, async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  console.log(`screenshots: ${OUT}`);
  const files = await renderTokenizationReport({ rows: statRows(), languages: LANGUAGES, provenance: PROVENANCE, overlap: overlapRows(N) }, join(OUT, 'tokenization'), { svg: false });
  assert.deepEqual(Object.keys(files.specs).sort(), ['fertility', 'fertility-by-script', 'map', 'overlap-1', 'premium']);
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems, charts } = await open(page, files.html);
    assert.deepEqual(problems, []);
    assert.equal(charts, 5);

    // Compact view: 50 bars, the right ones, in two panels.
    const bars = await page.$$eval('#chart-fertility g.mark-rect.role-mark path', (ps) => ps.map((p) => p.getAttribute('aria-label') ?? ''));
    assert.equal(bars.length, 50);
    const shown = new Set(bars.map((b) => /\((l\d\d)\)/.exec(b)?.[1]));
    for (let i = 0; i < N; i++) assert.equal(shown.has(code(i)), i < 25 || i >= 65, code(i));
    const text = await page.$$eval('#chart-fertility text', (ts) => ts.map((t) => t.textContent ?? ''));
    assert.ok(text.includes('highest 25') && text.includes('lowest 25'), 'the two panels are headed');
    // Every one of the 30 scripts is in the legend; nothing is cut to "…N entries".
    const legend = await labelsOf(page, 'fertility', 'legend-label');
    assert.equal(legend.length, 30);
    assert.doesNotMatch(text.join('|'), /entries/);
    // Fertility by script: one median dot per script.
    assert.equal((await page.$$('#chart-fertility-by-script g.mark-symbol.role-mark path')).length, 30);

    // JSD heatmap: 90 × 90 cells; the cluster order keeps each script's three languages together.
    assert.equal((await page.$$('#chart-overlap-1 g.mark-rect.role-mark path')).length, N * N);
    const spec = JSON.parse(readFileSync(files.specs['overlap-1']!, 'utf8')) as { encoding: { y: { sort: string[] } }; usermeta: { linkage: string } };
    assert.equal(spec.usermeta.linkage, 'average');
    const order = spec.encoding.y.sort.map((label) => Number(/\(l(\d\d)\)/.exec(label)![1]));
    for (let k = 0; k < N; k += 3) assert.equal(new Set(order.slice(k, k + 3).map((i) => script(i))).size, 1, `positions ${k}–${k + 2}: ${order.slice(k, k + 3)}`);

    // The search box filters the table of every language.
    const search = page.locator('input[data-table="table-metrics"]');
    await search.fill('Language 7');
    const visible = await page.locator('#table-metrics tbody tr:not([hidden])').count();
    assert.equal(visible, 11); // Language 7 and 70 … 79
    assert.match(await page.locator('[data-count-for="table-metrics"]').innerText(), /11 of 90 rows/);

    await page.locator('#chart-fertility').screenshot({ path: join(OUT, 'fertility-compact.png') });
    await page.locator('#chart-fertility-by-script').screenshot({ path: join(OUT, 'fertility-by-script.png') });
    await page.locator('#chart-overlap-1').screenshot({ path: join(OUT, 'overlap-heatmap.png') });
    await page.locator('section.table').screenshot({ path: join(OUT, 'table-search.png') });
    await search.fill('');
  });
});

test('above 120 languages the heatmap shows scripts', { skip: skip(), timeout: 120_000 }, async () => {
  const many: LanguageMeta[] = Array.from({ length: 130 }, (_, i) => ({ code: code(i).replace('l', 'm'), name: `M ${i}`, script: `S${i % 5}` }));
  const rows: OverlapRow[] = [];
  for (let i = 0; i < 130; i++) for (let j = i + 1; j < 130; j++) rows.push({ tokenizer: 't', language_a: many[i]!.code, language_b: many[j]!.code, jsd: i % 5 === j % 5 ? 0.1 : 0.7 });
  const stat: StatRow[] = many.map((l) => ({ tokenizer: 't', corpus: 'c', language: l.code, metric: 'fertility', value: 2, word_source: 'segmenter' }));
  const files = await renderTokenizationReport({ rows: stat, languages: many, provenance: PROVENANCE, overlap: rows }, join(OUT, 'scripts'), { svg: false });
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems } = await open(page, files.html);
    assert.deepEqual(problems, []);
    assert.equal((await page.$$('#chart-overlap-1 g.mark-rect.role-mark path')).length, 25);
    await page.locator('#chart-overlap-1').screenshot({ path: join(OUT, 'overlap-scripts.png') });
  });
});

test('correlation scatter plots: panel titles name tokenizer and target, x tick labels never touch', { skip: skip(), timeout: 180_000 }, async () => {
  const dir = join(OUT, 'correlation');
  mkdirSync(dir, { recursive: true });
  const { stats, results } = writeCorrelationFixture(dir);
  await correlateFiles({ stats, results, outDir: dir, bootstrap: 200, targets: ['gap'], metrics: ['tokens', 'bytes', 'fertility'] });
  const html = join(dir, 'correlation.html');
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems } = await open(page, html);
    assert.deepEqual(problems, []);
    const model = goldenPath('udhr-unigram-8k.model');
    assert.ok((await page.locator('.provenance').innerText()).includes(createHash('sha256').update(readFileSync(model)).digest('hex')));
    for (const metric of ['tokens', 'bytes', 'fertility']) {
      const titles = await labelsOf(page, `scatter-${metric}`, 'title-text');
      assert.ok(titles.includes('pos · udhr-unigram-8k · gap (PT − FT)'), titles.join('|'));
      // Every x axis: label boxes in left-to-right order, each ending before the next begins.
      const axes = await page.$$eval(`#chart-scatter-${metric} g.role-axis`, (gs) => gs
        .filter((g) => (g.getAttribute('aria-label') ?? '').startsWith('X-axis'))
        .map((g) => Array.from(g.querySelectorAll('g.role-axis-label text')).map((t) => { const b = (t as SVGGraphicsElement).getBoundingClientRect(); return { text: t.textContent, left: b.left, right: b.right }; })));
      assert.ok(axes.length >= 1, metric);
      for (const labels of axes) {
        assert.ok(labels.length >= 2, `${metric}: ${JSON.stringify(labels)}`);
        const sorted = [...labels].sort((a, b) => a.left - b.left);
        for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.right + 2 <= sorted[i]!.left, `${metric}: "${sorted[i - 1]!.text}" runs into "${sorted[i]!.text}"`);
      }
    }
    await page.locator('#chart-scatter-tokens').screenshot({ path: join(OUT, 'scatter-tokens.png') });
    await page.locator('#chart-scatter-bytes').screenshot({ path: join(OUT, 'scatter-bytes.png') });
    await page.locator('.provenance').screenshot({ path: join(OUT, 'correlation-provenance.png') });
  });
});
