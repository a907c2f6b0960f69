/**
 * The bootstrap error bars and the fairness summary as a person sees them, in headless Chromium;
 * screenshots go to test-output/report/browser-intervals/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { chromiumSkip as skip, openReport as open, withChromium } from '../helpers/chromium.js';
import { renderTokenizationReport } from '../../src/report/index.js';
import type { StatRow } from '../../src/tables/tidy.js';
import { LANGUAGES, PROVENANCE, rowsAB } from './fixtures.js';

const OUT = resolve(new URL('../../test-output/report/browser-intervals', import.meta.url).pathname);

test('error bars over the fertility bars and the fairness table at the top render in Chromium', { skip: skip(), timeout: 120_000 }, async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // ±10% intervals on every fertility and premium that has a value.
  const rows: StatRow[] = rowsAB().map((r) =>
    (r.metric === 'fertility' || r.metric === 'premium') && typeof r.value === 'number' && Number.isFinite(r.value) ? { ...r, value_low: r.value * 0.9, value_high: r.value * 1.1 } : r,
  );
  const files = await renderTokenizationReport({ rows, languages: LANGUAGES, provenance: PROVENANCE }, OUT, { svg: false });
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems } = await open(page, files.html);
    // Side by side tokenizers: Vega-Lite notes that the bars' and whiskers' y domains come from two
    // forks of one data source and assumes just that, which is true here; anything else is a problem.
    assert.deepEqual(problems.filter((p) => !p.includes('faceted independent scales that union domain of the same fields from different source')), []);
    // One whisker per drawn fertility bar (9: spm-a 5, spm-b 4) and premium bar (5).
    assert.equal((await page.$$('#chart-fertility g.mark-rule.role-mark line, #chart-fertility g.mark-rule.role-mark path')).length, 9);
    // The whiskers are the last rule mark (the parity line, drawn per language, comes first).
    const premiumRules = page.locator('#chart-premium g.mark-rule.role-mark');
    assert.equal(await premiumRules.count(), 2);
    assert.equal(await premiumRules.last().locator('line, path').count(), 5);
    const firstHeading = await page.locator('section h2').first().innerText();
    assert.equal(firstHeading, 'Fairness across languages');
    const fairness = await page.locator('#table-fairness tbody tr').allInnerTexts();
    assert.equal(fairness.length, 2);
    assert.match(fairness[0]!, /5\.000 \(Thai \(tha\)\)/);
    await page.locator('section.html').nth(1).screenshot({ path: join(OUT, 'fairness.png') });
    await page.locator('#chart-fertility').screenshot({ path: join(OUT, 'fertility-intervals.png') });
    await page.locator('#chart-premium').screenshot({ path: join(OUT, 'premium-intervals.png') });
  });
});
