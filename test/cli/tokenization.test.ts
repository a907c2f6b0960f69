// Runs the real command (from source, through tsx) on the bundled UDHR with the golden 8k model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC_NAMES } from '../../src/tables/tidy.js';
import { goldenPath } from '../helpers/shared.js';

const root = new URL('../..', import.meta.url).pathname;
const model = `spm:${goldenPath('udhr-unigram-8k.model')}`;

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'tokenization', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

const out = mkdtempSync(join(tmpdir(), 'tokgap-cli-'));

test('tokenization writes the tidy CSV, JSON and an offline HTML page', () => {
  const r = run(['--tokenizer', model, '--langs', 'en,de,zh', '--out', out, '--workers', '2']);
  assert.equal(r.status, 0, r.stderr);
  const lines = readFileSync(join(out, 'tokenization.csv'), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'tokenizer,corpus,language,metric,value,word_source,value_low,value_high');
  assert.equal(lines.length, 1 + 3 * METRIC_NAMES.length);
  const cells = lines.slice(1).map((l) => l.split(','));
  assert.deepEqual([...new Set(cells.map((c) => c[2]))], ['eng', 'deu_1996', 'cmn_hans']);
  assert.deepEqual(cells.slice(0, METRIC_NAMES.length).map((c) => c[3]), [...METRIC_NAMES]);
  assert.ok(cells.every((c) => c[0] === model && c[1] === 'udhr' && c[5] === 'segmenter'));
  const premiumEn = cells.find((c) => c[2] === 'eng' && c[3] === 'premium')!;
  assert.equal(Number(premiumEn[4]), 1);
  // Paired with itself, English's premium is 1 in every resample.
  assert.deepEqual([Number(premiumEn[6]), Number(premiumEn[7])], [1, 1]);
  const fertDe = cells.find((c) => c[2] === 'deu_1996' && c[3] === 'fertility')!;
  assert.ok(Number(fertDe[6]) < Number(fertDe[4]) && Number(fertDe[4]) < Number(fertDe[7]), `fertility inside its interval: ${fertDe.join(',')}`);
  const fairness = readFileSync(join(out, 'fairness.csv'), 'utf8').trim().split('\n');
  assert.equal(fairness.length, 2);
  assert.match(fairness[0]!, /^tokenizer,corpus,languages,premium_languages,premium_gini,/);
  assert.match(r.stdout, /intervals: 95% bootstrap, 100 resamples of segments, seed 1/);
  assert.ok(existsSync(join(out, 'tokenization.json')));
  // The JSON table (Arquero's column layout) holds the same rows as the CSV.
  const json = (JSON.parse(readFileSync(join(out, 'tokenization.json'), 'utf8')) as { data: { language: string[]; metric: string[]; value: (number | null)[] } }).data;
  assert.deepEqual(json.language.map((l, i) => `${l}/${json.metric[i]}`), cells.map((c) => `${c[2]}/${c[3]}`));
  assert.equal(json.value[json.language.findIndex((l, i) => l === 'eng' && json.metric[i] === 'premium')], 1);
  const html = readFileSync(join(out, 'tokenization.html'), 'utf8');
  assert.ok(html.includes('fertility'));
  assert.doesNotMatch(html, /<script[^>]+src=["']https?:/);
  assert.match(r.stdout, /3 languages × 1 tokenizer/);
});

test('--json prints the rows; a second run resumes from checkpoints with the same numbers', () => {
  const first = readFileSync(join(out, 'tokenization.csv'), 'utf8');
  const r = run(['--tokenizer', model, '--langs', 'eng,deu_Latn,zho_Hans', '--out', out, '--format', 'csv', '--workers', '0', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const result = JSON.parse(r.stdout) as { rows: { language: string; metric: string; value: number | null }[]; files: { csv: string }; resumed: number; computed: number };
  assert.equal(result.rows.length, 3 * METRIC_NAMES.length);
  assert.deepEqual([result.resumed, result.computed], [3, 0]);
  assert.equal(readFileSync(result.files.csv, 'utf8'), first);
});

test('an unknown language exits 2 and names near matches', () => {
  const r = run(['--tokenizer', model, '--langs', 'en,deu_Latm', '--out', join(out, 'bad')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown language "deu_Latm".*did you mean/);
  assert.equal(existsSync(join(out, 'bad')), false);
});

test('bad --bootstrap / --bootstrap-seed exit 2 before any counting; --bootstrap 0 leaves the intervals empty', () => {
  for (const args of [['--bootstrap', '-1'], ['--bootstrap', '2.5'], ['--bootstrap-seed', '-3']]) {
    const r = run(['--tokenizer', model, '--langs', 'en', '--out', join(out, 'bad-boot'), ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /bootstrap/);
    assert.equal(existsSync(join(out, 'bad-boot')), false);
  }
  const off = join(out, 'off');
  const r = run(['--tokenizer', model, '--langs', 'en', '--out', off, '--format', 'csv', '--bootstrap', '0', '--workers', '0']);
  assert.equal(r.status, 0, r.stderr);
  const rows = readFileSync(join(off, 'tokenization.csv'), 'utf8').trim().split('\n').slice(1);
  assert.ok(rows.every((l) => l.endsWith(',,')), 'value_low and value_high are empty');
  assert.match(r.stdout, /intervals: off/);
});

test('--help lists the options with examples', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const opt of ['--tokenizer', '--corpus', '--langs', '--out', '--format', '--workers', '--alpha', '--bootstrap', '--bootstrap-seed']) assert.ok(r.stdout.includes(opt), opt);
  assert.match(r.stdout, /Examples:/);
});
