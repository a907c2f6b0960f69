/**
 * Real headless Chromium for report tests: Debian's /usr/bin/chromium through playwright-core,
 * headless without GPU, background network or updates, a fresh profile each launch. `open` waits
 * for the report's vega-embed boot script and collects console errors/warnings, page errors and
 * any network request.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { needTool } from './tools.js';

export const CHROMIUM = '/usr/bin/chromium';
/** `skip` option for node:test (test/helpers/tools.ts): under CI a missing Chromium fails. */
export const chromiumSkip = (): false | string => needTool(existsSync(CHROMIUM), CHROMIUM, 'apt-get install chromium');

/** Run `use` in a freshly launched browser; the browser and its profile go away however `use` ends. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'tokgap-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      viewport: { width: 1240, height: 900 },
    });
    try {
      return await use(context);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Open a report file and wait until vega-embed has drawn every chart; collect problems on the way. */
export async function openReport(page: Page, file: string): Promise<{ problems: string[]; charts: number }> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`network request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered], body[data-render-error]', { timeout: 30_000 });
  const error = await page.getAttribute('body', 'data-render-error');
  if (error) problems.push(`render error: ${error}`);
  return { problems, charts: Number(await page.getAttribute('body', 'data-rendered')) };
}
