/**
 * The report as a person sees it: opened from disk in real headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core), no network, no console errors, every chart drawn
 * with a mark per language, tooltips carrying the table's values. Screenshots go to test-output/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumSkip, openReport as open, withChromium } from '../helpers/chromium.js';
import { renderTokenizationReport } from '../../src/report/index.js';
import { worldAtlas } from '../../src/report/assets.js';
import { EXAMPLE, LANGUAGES, PROVENANCE, rowsAB } from './fixtures.js';

const OUT = resolve(new URL('../../test-output/report/browser', import.meta.url).pathname);

/** aria-labels (the language labels) of the marks of one type inside a chart. */
function markLabels(page: Page, chart: string, mark: 'rect' | 'symbol'): Promise<string[]> {
  return page.$$eval(`#chart-${chart} g.mark-${mark}.role-mark path`, (paths) => paths.map((p) => p.getAttribute('aria-label') ?? ''));
}

test('the tokenization report renders in Chromium with marks, tooltips and a sortable table', { skip: chromiumSkip(), timeout: 120_000 }, async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = await renderTokenizationReport({ rows: rowsAB(), languages: LANGUAGES, examples: [EXAMPLE], provenance: PROVENANCE }, OUT);
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems, charts } = await open(page, files.html);
    assert.deepEqual(problems, []);
    assert.equal(charts, Object.keys(files.specs).length);
    for (const id of Object.keys(files.specs)) assert.equal(await page.locator(`#chart-${id} svg.marks`).count(), 1, `chart ${id} has an SVG`);

    // Fertility: spm-a draws hin, grc, rus, swh, eng (tha is NaN); spm-b drops hin too.
    const fertility = await markLabels(page, 'fertility', 'rect');
    const count = (label: string): number => fertility.filter((l) => l.includes(label)).length;
    assert.equal(fertility.length, 9);
    for (const label of ['English (eng)', 'Russian (rus)', 'Ancient Greek (grc)', 'Swahili (swh)']) assert.equal(count(label), 2, label);
    assert.equal(count('Hindi (hin)'), 1);
    assert.equal(count('Thai (tha)'), 0);
    // Premium (spm-a only): every language but swh (null).
    assert.equal((await markLabels(page, 'premium', 'rect')).length, 5);
    // Heatmap: 6 languages × 2 tokenizers, grey cells included.
    assert.equal((await page.$$(`#chart-heatmap-fertility g.mark-rect.role-mark path`)).length, 12);
    // Map: countries, and a circle for every language with coordinates (grc has none).
    const countries = (worldAtlas().objects.countries as { geometries: unknown[] }).geometries.length;
    assert.equal(countries, 177, 'Natural Earth 1:110m');
    assert.equal((await page.$$('#chart-map g.mark-shape.role-mark path')).length, countries, 'one drawn path per country');
    const circles = await markLabels(page, 'map', 'symbol');
    assert.deepEqual(circles.map((l) => /\((\w+)\)/.exec(l)?.[1]).sort(), ['eng', 'hin', 'rus', 'swh', 'tha']);
    assert.match(await page.locator('section.chart figcaption').last().innerText(), /Not on the map \(no coordinates\): Ancient Greek \(grc\)/);

    // Tooltip of Hindi's spm-a fertility bar carries that row's values from the table.
    const bar = page.locator('#chart-fertility g.mark-rect.role-mark path[aria-label*="Hindi (hin)"]').first();
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor({ timeout: 5000 });
    const tip = await tooltip.innerText();
    const row = page.locator('#table-metrics tbody tr', { has: page.locator('td:nth-child(1)', { hasText: /^spm-a$/ }) }).filter({ has: page.locator('td:nth-child(2)', { hasText: /^hin$/ }) });
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells.length, 10);
    assert.ok(tip.includes('Hindi'), tip);
    for (const value of cells.slice(5)) assert.ok(tip.includes(value), `tooltip shows ${value}:\n${tip}`);
    assert.ok(tip.includes('4.125') && tip.includes('3.300') && tip.includes('330'));

    // Sorting the table by fertility: largest first on the second click, missing values last either way.
    const fertilityHeader = page.locator('#table-metrics th[data-col="6"] button');
    await fertilityHeader.click();
    let column = await page.locator('#table-metrics tbody td:nth-child(7)').allInnerTexts();
    assert.equal(column[0], '1.000');
    assert.deepEqual(column.slice(-3), ['missing', 'missing', 'missing']);
    await fertilityHeader.click();
    column = await page.locator('#table-metrics tbody td:nth-child(7)').allInnerTexts();
    assert.equal(column[0], '4.125');
    assert.deepEqual(column.slice(-3), ['missing', 'missing', 'missing']);

    // Segmentation: 6 boxes, the byte box holds two pieces, the unknown token is marked.
    assert.equal(await page.locator('.example .tok').count(), 6);
    assert.equal(await page.locator('.example .tok.byte').getAttribute('data-pieces'), '2');
    assert.equal(await page.locator('.example .tok.unk').innerText(), '☃');

    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT, 'tokenization.png'), fullPage: true });
    await page.locator('#chart-fertility').screenshot({ path: join(OUT, 'fertility.png') });
    await page.locator('#chart-map').screenshot({ path: join(OUT, 'map.png') });
  });
});

test('an empty report opens without errors', { skip: chromiumSkip(), timeout: 60_000 }, async () => {
  const dir = join(OUT, 'empty');
  const files = await renderTokenizationReport({ rows: [], languages: [], provenance: PROVENANCE }, dir, { svg: false });
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems, charts } = await open(page, files.html);
    assert.deepEqual(problems, []);
    assert.equal(charts, 1);
    assert.match(await page.locator('main').innerText(), /The statistics table is empty/);
    await page.screenshot({ path: join(dir, 'empty.png'), fullPage: true });
  });
});
