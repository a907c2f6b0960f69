import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { compileChecked } from '../helpers/vega-lite.js';
import type { TopLevelSpec } from 'vega-lite';
import { correlateFiles } from '../../src/report/correlate-files.js';
import { parseCsv } from '../../src/tables/csv.js';
import { X7, Y7 } from '../correlation/stats/reference.js';

const FLORES = ['eng_Latn', 'deu_Latn', 'spa_Latn', 'fra_Latn', 'jpn_Jpan', 'kor_Hang', 'zho_Hans'];
const ISO = ['en', 'de', 'es', 'fr', 'ja', 'ko', 'zh'];
const root = new URL('../..', import.meta.url).pathname;

function fixture(dir: string): { stats: string; results: string } {
  const stats = join(dir, 'stats.csv');
  writeFileSync(stats, ['tokenizer,corpus,language,metric,value,word_source', ...FLORES.map((l, i) => `xglm,flores,${l},fertility,${X7[i]},segmenter`)].join('\n'));
  const results = join(dir, 'results.jsonl');
  const lines = ISO.flatMap((l, i) => [
    JSON.stringify({ task: 'pawsx', language: l, method: 'prompt', setting: 'in-language', seed: 1, score: 0.5 + Y7[i]! }),
    JSON.stringify({ task: 'pawsx', language: l, method: 'finetune', setting: 'in-language', seed: 1, score: 0.5 }),
  ]);
  // one language with results but no statistics, one NaN score
  lines.push(JSON.stringify({ task: 'pawsx', language: 'sw', method: 'prompt', seed: 1, score: 0.3 }), JSON.stringify({ task: 'pawsx', language: 'sw', method: 'finetune', seed: 1, score: 0.4 }));
  lines.push(JSON.stringify({ task: 'pawsx', language: 'en', method: 'prompt', seed: 2, score: null }));
  writeFileSync(results, `${lines.join('\n')}\n`);
  return { stats, results };
}

test('correlateFiles writes CSV, JSON and an HTML report whose Vega-Lite specs compile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-corr-'));
  try {
    const { stats, results } = fixture(dir);
    const out = join(dir, 'out');
    const { analysis, files } = await correlateFiles({ stats, results, outDir: out, bootstrap: 300, targets: ['gap'] });
    assert.equal(analysis.correlations.length, 1);
    const csv = parseCsv(readFileSync(join(out, 'correlations.csv'), 'utf8'));
    assert.equal(csv.records.length, 1);
    assert.ok(Math.abs(Number(csv.records[0]!.values['pearson']) - -0.9529128112077705) < 1e-9);
    assert.equal(Number(csv.records[0]!.values['n']), 7);
    const excl = JSON.parse(readFileSync(join(out, 'exclusions.json'), 'utf8')) as { reason: string; language?: string }[];
    assert.ok(excl.some((e) => e.reason === 'only_in_results' && e.language === 'sw'));
    assert.ok(excl.some((e) => e.reason === 'nan_score'));
    const html = readFileSync(join(out, 'correlation.html'), 'utf8');
    assert.match(html, /Every correlation tested/);
    assert.match(html, /Left out, and why/);
    for (const f of files.filter((p) => p.endsWith('.vl.json'))) {
      const spec = JSON.parse(readFileSync(f, 'utf8')) as TopLevelSpec;
      compileChecked(spec, f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: analyze correlate --json prints the summary; bad --format exits 2 naming the option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-corr-cli-'));
  try {
    const { stats, results } = fixture(dir);
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
    const ok = run('--json', 'correlate', '--stats', stats, '--results', results, '--bootstrap', '200', '--targets', 'gap', '--format', 'csv', '--out', join(dir, 'o'));
    assert.equal(ok.status, 0, ok.stderr);
    const summary = JSON.parse(ok.stdout) as { correlations: number; files: string[]; top: { metric: string; n: number }[] };
    assert.equal(summary.correlations, 1);
    assert.equal(summary.top[0]!.n, 7);
    assert.deepEqual(summary.files.map((f) => f.split('/').pop()), ['correlations.csv', 'gaps.csv', 'regressions.csv', 'tiers.csv', 'exclusions.csv']);
    const bad = run('correlate', '--stats', stats, '--results', results, '--format', 'pdf');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown format "pdf".*--format/);
    const help = run('correlate', '--help');
    assert.match(help.stdout, /--bootstrap/);
    assert.match(help.stdout, /Examples:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing to correlate (no shared languages, or no task in common with --tasks) is an error saying what each side had; no tables are written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-corr-none-'));
  try {
    const { stats, results } = fixture(dir);
    writeFileSync(stats, ['tokenizer,corpus,language,metric,value,word_source', ...['jpn_Jpan', 'kor_Hang', 'zho_Hans'].map((l, i) => `xglm,flores,${l},fertility,${X7[i]},segmenter`)].join('\n'));
    writeFileSync(results, ['en', 'de', 'fr'].flatMap((l) => ['prompt', 'finetune'].map((method) => JSON.stringify({ task: 'pawsx', language: l, method, seed: 1, score: 0.5 }))).join('\n'));
    const out = join(dir, 'out');
    await assert.rejects(correlateFiles({ stats, results, outDir: out, bootstrap: 50 }), (e: unknown) => {
      assert.ok(e instanceof Error && 'code' in e && e.code === 'BAD_INPUT');
      assert.match(e.message, /nothing to correlate: the statistics in .*stats\.csv have languages 3 \(jpn_Jpan, kor_Hang, zho_Hans\) and metrics 1 \(fertility\); the results in .* have languages 3 \(en, de, fr\) and tasks 1 \(pawsx\)/);
      assert.match(e.message, /left out: task_missing_from_stats/);
      return true;
    });
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'correlate', '--stats', stats, '--results', results, '--out', out, '--tasks', 'xnli'], { cwd: root, encoding: 'utf8' });
    assert.equal(cli.status, 2, cli.stderr);
    assert.match(cli.stderr, /^error: nothing to correlate/);
    assert.throws(() => readFileSync(join(out, 'correlations.csv')), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
