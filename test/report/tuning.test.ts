/**
 * The tuning-results report: specs checked against hand-computed means and SDs over seeds, the
 * gap order, bad input (empty file, NaN score, a language with one method), the CLI, and the
 * report opened in headless Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { compileChecked } from '../helpers/vega-lite.js';
import { isTokgapError } from '../../src/errors.js';
import {
  buildReportHtml, buildTuningReport, renderTuningReport, renderTuningResultsFile, summarizeTuningCells, tuningGaps,
  type ChartSection, type ReportProvenance, type TableSection,
} from '../../src/report/index.js';
import type { ResultRow } from '../../src/tuning/results.js';
import { chromiumSkip, openReport, withChromium } from '../helpers/chromium.js';
import { goldenPath } from '../helpers/shared.js';
import { drawnItems, renderView } from './helpers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const OUT = resolve(ROOT, 'test-output/report/tuning');
const PROVENANCE: ReportProvenance = { version: '0.0.0-test', date: '2026-01-01T00:00:00.000Z', command: 'analyze report --results r.jsonl', tokenizers: [] };

function row(task: string, language: string, method: 'prompt' | 'finetune', seed: number, score: number, setting: 'in-language' | 'zero-shot' = 'in-language'): ResultRow {
  return {
    task, language, method, setting, seed, metric: 'accuracy', score, n: 200,
    trainable_params: method === 'prompt' ? 20_480 : 564_000_000, total_params: 564_000_000, steps: 100, wall_s: 1, backend: 'wasm', model: 'xglm-test',
    ...(BASELINE[language] === undefined ? {} : { baseline: BASELINE[language] }),
  };
}

/** Baselines per language; hi's rows have none (a file written before the field). */
const BASELINE: Record<string, number> = { en: 0.34, sw: 0.36, de: 0.33, fr: 0.55 };

/**
 * Hand-computed (sample SD, n − 1):
 *   en PT 0.70 0.74 0.72 → 0.72 ± 0.02;  FT 0.80 0.86 0.83 → 0.83 ± 0.03;  gap −0.11, per-seed gaps −0.10 −0.12 −0.11 → SD 0.01
 *   sw PT 0.40 0.50 → 0.45 ± 0.0707107;  FT 0.70 0.70 → 0.70 ± 0;  gap −0.25, per-seed gaps −0.30 −0.20 → SD 0.0707107
 *   de one seed: PT 0.65, FT 0.70 → gap −0.05, no SD, no error bar
 *   hi PT only (0.50): score shown, gap missing
 *   pawsx zero-shot fr: PT 0.60, FT 0.50 → gap +0.10 (its own chart)
 */
const ROWS: ResultRow[] = [
  row('xnli', 'en', 'prompt', 1, 0.70), row('xnli', 'en', 'prompt', 2, 0.74), row('xnli', 'en', 'prompt', 3, 0.72),
  row('xnli', 'en', 'finetune', 1, 0.80), row('xnli', 'en', 'finetune', 2, 0.86), row('xnli', 'en', 'finetune', 3, 0.83),
  row('xnli', 'sw', 'prompt', 1, 0.40), row('xnli', 'sw', 'prompt', 2, 0.50),
  row('xnli', 'sw', 'finetune', 1, 0.70), row('xnli', 'sw', 'finetune', 2, 0.70),
  row('xnli', 'de', 'prompt', 1, 0.65), row('xnli', 'de', 'finetune', 1, 0.70),
  row('xnli', 'hi', 'prompt', 1, 0.50),
  row('pawsx', 'fr', 'prompt', 1, 0.60, 'zero-shot'), row('pawsx', 'fr', 'finetune', 1, 0.50, 'zero-shot'),
];

const close = (actual: unknown, expected: number, what: string): void => {
  assert.equal(typeof actual, 'number', what);
  assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${what}: ${String(actual)} ≠ ${expected}`);
};

const charts = (rows: readonly ResultRow[]): Map<string, ChartSection> =>
  new Map(buildTuningReport(rows, { provenance: PROVENANCE }).sections.filter((s): s is ChartSection => s.kind === 'chart').map((s) => [s.id, s]));
type LayeredSpec = { data: { values: Record<string, unknown>[] }; spec: { layer: { mark: unknown; transform?: unknown[]; encoding: Record<string, { field?: string; sort?: string[] }> & { tooltip?: { field: string }[] } }[] } };
const layered = (s: ChartSection): LayeredSpec => s.spec as unknown as LayeredSpec;

test('cells and gaps: mean and sample SD over seeds, paired gap SD, missing gap for a one-method language', () => {
  const cells = summarizeTuningCells(ROWS);
  const cell = (l: string, m: string) => cells.find((c) => c.task === 'xnli' && c.language === l && c.method === m)!;
  close(cell('en', 'prompt').mean, 0.72, 'en PT mean'); close(cell('en', 'prompt').sd, 0.02, 'en PT SD');
  close(cell('en', 'finetune').mean, 0.83, 'en FT mean'); close(cell('en', 'finetune').sd, 0.03, 'en FT SD');
  close(cell('sw', 'prompt').sd, Math.sqrt(0.005), 'sw PT SD');
  assert.equal(cell('de', 'prompt').sd, null);
  assert.deepEqual(cell('en', 'prompt').seeds, [1, 2, 3]);
  const gaps = tuningGaps(cells.filter((c) => c.task === 'xnli'));
  const gap = (l: string) => gaps.find((g) => g.language === l)!;
  close(gap('en').gap, -0.11, 'en gap'); close(gap('en').gap_sd, 0.01, 'en gap SD');
  close(gap('sw').gap, -0.25, 'sw gap'); close(gap('sw').gap_sd, Math.sqrt(0.005), 'sw gap SD');
  close(gap('de').gap, -0.05, 'de gap'); assert.equal(gap('de').gap_sd, null);
  assert.equal(gap('hi').gap, null, 'a language with only PT has no gap (not 0)');
});

test('one scores and one gap chart per task × setting; error bars are mean ± SD, none for one seed', async () => {
  const c = charts(ROWS);
  assert.deepEqual([...c.keys()], ['scores-pawsx-zero-shot', 'gap-pawsx-zero-shot', 'scores-xnli-in-language', 'gap-xnli-in-language']);
  for (const s of c.values()) compileChecked(s.spec, s.id);
  const scores = layered(c.get('scores-xnli-in-language')!);
  const point = (l: string, m: string) => scores.data.values.find((v) => v.language === l && v.method === m)!;
  close(point('en', 'prompt tuning').score, 0.72, 'score'); close(point('en', 'prompt tuning').low, 0.70, 'low'); close(point('en', 'prompt tuning').high, 0.74, 'high');
  close(point('en', 'fine-tuning').low, 0.80, 'FT low'); close(point('en', 'fine-tuning').high, 0.86, 'FT high');
  close(point('sw', 'prompt tuning').low, 0.45 - Math.sqrt(0.005), 'sw low');
  assert.equal(point('de', 'prompt tuning').low, null);
  assert.equal(point('hi', 'prompt tuning').score, 0.5);
  assert.equal(scores.data.values.length, 7, 'en, sw, de × 2 methods + hi PT');
  const [tick, errorbar, points] = scores.spec.layer;
  // The baseline: a black tick per language at its value, none for hi (no baseline in its rows).
  assert.deepEqual(tick!.mark, { type: 'tick', color: 'black', thickness: 2, size: 26 });
  assert.equal(tick!.encoding.y!.field, 'baseline');
  close(point('en', 'fine-tuning').baseline, 0.34, 'en baseline'); assert.equal(point('hi', 'prompt tuning').baseline, null);
  assert.deepEqual(errorbar!.mark, { type: 'errorbar', ticks: true });
  assert.deepEqual([errorbar!.encoding.y!.field, errorbar!.encoding.y2!.field], ['low', 'high']);
  assert.equal(points!.encoding.y!.field, 'score');
  assert.equal(points!.encoding.color!.field, 'method');
  assert.deepEqual(points!.encoding.tooltip!.map((t) => t.field), ['name', 'language', 'method', 'score', 'sd', 'baseline', 'seeds', 'n', 'metric']);
  assert.equal(point('en', 'prompt tuning').name, 'English');
  // Drawn: 7 points, and error bars only where there are ≥ 2 seeds (en, sw × 2 methods).
  const view = await renderView(c.get('scores-xnli-in-language')!.spec);
  assert.equal(drawnItems(view, 'symbol').length, 7);
  const bars = drawnItems(view, 'rule').map((d) => d.language);
  assert.deepEqual([...new Set(bars)].sort(), ['en', 'sw']);
  // Rects: 2 error-bar ticks per point with a bar (en, sw × 2 methods) and one baseline tick per point
  // with a baseline (en, sw, de × 2 methods; both methods carry it); hi has neither.
  const rects = drawnItems(view, 'rect').map((d) => d.language as string);
  assert.equal(rects.length, 8 + 6);
  assert.deepEqual(['en', 'sw', 'de', 'hi'].map((l) => rects.filter((x) => x === l).length), [6, 6, 2, 0]);
});

test('the gap chart: bars sorted by gap (most negative first), coloured by XGLM tier, tooltips with name, n, seeds and metric', async () => {
  const gap = layered(charts(ROWS).get('gap-xnli-in-language')!);
  for (const layer of gap.spec.layer) assert.deepEqual(layer.encoding.x!.sort, ['sw', 'en', 'de']);
  const [bar] = gap.spec.layer;
  assert.equal(bar!.mark, 'bar');
  assert.equal(bar!.encoding.y!.field, 'gap');
  assert.equal(bar!.encoding.color!.field, 'tier');
  assert.deepEqual(bar!.encoding.tooltip!.map((t) => t.field), ['name', 'language', 'gap', 'gap_sd', 'prompt', 'finetune', 'tier', 'seeds', 'n', 'metric']);
  const v = (l: string) => gap.data.values.find((x) => x.language === l)!;
  // reference/xglm.md tiers via the corpora table: en T1, de T1, sw T3.
  assert.deepEqual(['en', 'de', 'sw'].map((l) => v(l).tier), ['T1', 'T1', 'T3']);
  close(v('en').low, -0.12, 'en gap low'); close(v('en').high, -0.10, 'en gap high');
  assert.equal(v('de').low, null);
  assert.equal(gap.data.values.some((x) => x.language === 'hi'), false, 'no bar for a language without a gap');
  const view = await renderView(charts(ROWS).get('gap-xnli-in-language')!.spec);
  // rects: one bar per language with a gap, plus the two error-bar ticks of en and sw (de has one seed: none).
  const rects = drawnItems(view, 'rect').map((d) => d.language as string);
  assert.deepEqual(rects.sort(), ['de', 'en', 'en', 'en', 'sw', 'sw', 'sw']);
  // Scores chart shows hi after the languages with a gap.
  const scores = layered(charts(ROWS).get('scores-xnli-in-language')!);
  assert.deepEqual(scores.spec.layer[2]!.encoding.x!.sort, ['sw', 'en', 'de', 'hi']);
});

test('bad input: a PT-only language says its gap is missing; the table shows every cell', () => {
  const report = buildTuningReport(ROWS, { provenance: PROVENANCE });
  const gap = report.sections.find((s): s is ChartSection => s.kind === 'chart' && s.id === 'gap-xnli-in-language')!;
  assert.match(gap.caption ?? '', /No gap \(only one method has results\): Hindi \(hi: prompt tuning only\)/);
  const gaps = report.sections.find((s): s is TableSection => s.kind === 'table' && s.id === 'gaps')!;
  const hi = gaps.rows.find((r) => r.language === 'hi')!;
  assert.equal(hi.gap, null);
  assert.equal(hi.finetune, null);
  assert.match(String(hi.note), /gap missing: no fine-tuning result/);
  const table = report.sections.find((s): s is TableSection => s.kind === 'table' && s.id === 'cells')!;
  assert.equal(table.rows.length, 9);
  assert.deepEqual(table.columns.map((c) => c.key), ['task', 'language', 'name', 'method', 'setting', 'metric', 'mean', 'sd', 'baseline', 'word_token', 'seeds', 'n', 'steps', 'trainable_params', 'total_params', 'backend', 'model']);
  const en = table.rows.find((r) => r.task === 'xnli' && r.language === 'en' && r.method === 'prompt tuning')!;
  assert.equal(en.seeds, '1,2,3');
  assert.equal(en.baseline, 0.34);
  assert.equal(hi.baseline, null, 'rows without a baseline show none');
  assert.equal(en.trainable_params, 20_480);
  assert.equal(table.format!('total_params', 564_000_000), '564,000,000');
  assert.equal(table.format!('sd', null), '—');
});

test('bad input: an empty results file gives a valid report that says there are no results', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-tuning-empty-'));
  try {
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '');
    const result = await renderTuningResultsFile(file, join(dir, 'out'), { command: 'test', svg: false });
    assert.equal(result.rows, 0);
    assert.deepEqual(result.files.specs, {});
    const html = readFileSync(result.files.html, 'utf8');
    assert.match(html, /<h2>No results<\/h2>/);
    assert.match(html, /data-rendered|tokgap-charts/);
    assert.ok(html.includes(createHash('sha256').update('').digest('hex')), 'provenance has the sha256 of the (empty) file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: a NaN score is rejected with file and line; a missing file is named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-tuning-nan-'));
  try {
    const file = join(dir, 'r.jsonl');
    const good = JSON.stringify(row('xnli', 'en', 'prompt', 1, 0.7));
    writeFileSync(file, `${good}\n${good.replace('0.7', 'NaN')}\n`);
    await assert.rejects(renderTuningResultsFile(file, join(dir, 'out'), { command: 'test' }), (e: unknown) => {
      assert.ok(isTokgapError(e));
      assert.equal(e.code, 'BAD_INPUT');
      assert.equal(e.file, file);
      assert.equal(e.line, 2);
      return true;
    });
    writeFileSync(file, `${good}\n${good.replace('0.7', 'null')}\n`);
    await assert.rejects(renderTuningResultsFile(file, join(dir, 'out'), { command: 'test' }), (e: unknown) => isTokgapError(e) && e.line === 2 && e.field === 'score');
    await assert.rejects(renderTuningResultsFile(join(dir, 'none.jsonl'), join(dir, 'out'), { command: 'test' }), /results file not found/);
    assert.equal(existsSync(join(dir, 'out')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function analyze(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('CLI: analyze report --results writes html + .vl.json, --json lists the files; exactly one of --input/--results', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-tuning-cli-'));
  try {
    const results = join(dir, 'tmp.jsonl');
    writeFileSync(results, ROWS.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(dir, 'tmp');
    const r = analyze('report', '--results', results, '--out', out, '--no-svg', '--json');
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.files.html, join(out, 'tuning.html'));
    assert.deepEqual(Object.keys(summary.files.specs), ['scores-pawsx-zero-shot', 'gap-pawsx-zero-shot', 'scores-xnli-in-language', 'gap-xnli-in-language']);
    for (const spec of Object.values(summary.files.specs) as string[]) compileChecked(JSON.parse(readFileSync(spec, 'utf8')), spec);
    assert.deepEqual([summary.rows, summary.cells, summary.languages], [15, 9, 5]);
    const sha = createHash('sha256').update(readFileSync(results)).digest('hex');
    assert.equal(summary.results.sha256, sha);
    const html = readFileSync(summary.files.html, 'utf8');
    assert.ok(html.includes(sha));
    assert.match(html, /analyze report --results \S+ --out \S+ --no-svg --json/);
    const both = analyze('report', '--results', results, '--input', results, '--out', out);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /exactly one of --input .* or --results/);
    assert.equal(analyze('report', '--out', out).status, 2);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"task":"xnli","score":NaN}\n');
    const nan = analyze('report', '--results', bad, '--out', out);
    assert.equal(nan.status, 2);
    assert.match(nan.stderr, /bad\.jsonl:1: results line is not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: analyze tune --format html renders the whole results file beside it (all cells already done: no model run)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-tuning-tune-'));
  try {
    const results = join(dir, 'tuning.jsonl');
    writeFileSync(results, ROWS.map((r) => JSON.stringify({ ...r, model: 'nowhere' })).join('\n'));
    const r = analyze('tune', '--task', 'xnli', '--methods', 'prompt', '--langs', 'en', '--seeds', '1,2', '--model', 'nowhere',
      '--tokenizer', `spm:${goldenPath('udhr-unigram-8k.model')}`, '--results', results, '--format', 'html', '--json');
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.skipped, 2);
    assert.equal(summary.report.files.html, join(dir, 'tuning-report', 'tuning.html'));
    assert.ok(existsSync(summary.report.files.html));
    assert.equal(summary.report.rows, 15);
    const help = analyze('tune', '--help');
    assert.match(help.stdout, /--format/);
    assert.match(help.stdout, /--report-dir/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the tuning report in Chromium: no console errors, a point and a bar per language, tooltips with the values', { skip: chromiumSkip(), timeout: 120_000 }, async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = await renderTuningReport(ROWS, OUT, { provenance: PROVENANCE, svg: false });
  assert.ok(buildReportHtml(buildTuningReport(ROWS, { provenance: PROVENANCE }), { name: 'tuning' }).length > 0);
  await withChromium(async (context) => {
    const page = await context.newPage();
    const { problems, charts: drawn } = await openReport(page, files.html);
    assert.deepEqual(problems, []);
    assert.equal(drawn, 4);
    const labels = (chart: string, mark: 'rect' | 'symbol') =>
      page.$$eval(`#chart-${chart} g.mark-${mark}.role-mark path`, (paths) => paths.map((p) => p.getAttribute('aria-label') ?? ''));
    const points = await labels('scores-xnli-in-language', 'symbol');
    const count = (list: string[], l: string) => list.filter((x) => x.includes(`code: ${l};`)).length;
    assert.equal(points.length, 7);
    for (const l of ['en', 'sw', 'de']) assert.equal(count(points, l), 2, l);
    assert.equal(count(points, 'hi'), 1);
    // Bars carry the gap in their label; error-bar ticks (also rects) do not.
    const bars = (await labels('gap-xnli-in-language', 'rect')).filter((l) => l.includes('gap (PT − FT):'));
    assert.equal(bars.length, 3, bars.join('\n'));
    for (const l of ['en', 'sw', 'de']) assert.equal(count(bars, l), 1, l);
    assert.equal(count(bars, 'hi'), 0);
    assert.equal((await labels('gap-pawsx-zero-shot', 'rect')).filter((l) => l.includes('gap (PT − FT):')).length, 1);
    assert.match(await page.locator('#chart-gap-xnli-in-language').locator('xpath=..').locator('figcaption').innerText(), /Hindi \(hi: prompt tuning only\)/);

    // Hovering English's gap bar shows its values as in the gap table.
    const bar = page.locator('#chart-gap-xnli-in-language g.mark-rect.role-mark path[aria-label*="code: en;"][aria-label*="gap (PT − FT):"]');
    await bar.scrollIntoViewIfNeeded();
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor({ timeout: 5000 });
    const tip = await tooltip.innerText();
    // d3-format writes a Unicode minus; the table writes ASCII.
    for (const text of ['English', '−0.110', '0.010', '0.720', '0.830', 'T1', 'accuracy', 'PT 1,2,3 / FT 1,2,3', 'PT 200 / FT 200']) assert.ok(tip.includes(text), `tooltip shows ${text}:\n${tip}`);
    const row = page.locator('#table-gaps tbody tr').filter({ has: page.locator('td:nth-child(3)', { hasText: /^en$/ }) }).filter({ has: page.locator('td:nth-child(1)', { hasText: /^xnli$/ }) });
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(5, 10), ['0.340', '0.720', '0.830', '-0.110', '0.010']);
    for (const value of cells.slice(6, 10)) assert.ok(tip.replace(/−/g, '-').includes(value), `tooltip shows the table's ${value}`);

    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT, 'tuning.png'), fullPage: true });
    await page.locator('#chart-scores-xnli-in-language').screenshot({ path: join(OUT, 'scores.png') });
    await page.locator('#chart-gap-xnli-in-language').screenshot({ path: join(OUT, 'gap.png') });
    assert.ok(existsSync(join(dirname(files.html), 'tuning.png')));
  });
});
