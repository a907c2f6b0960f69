import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseStudyConfig } from '../../src/studies/load-config.js';
import { runStudy } from '../../src/studies/run.js';
import { CORRELATION_CSV_COLUMNS } from '../../src/correlation/write.js';
import { StageUnavailableError } from '../../src/studies/errors.js';
import type { StudyStages } from '../../src/studies/stages.js';

const root = new URL('../..', import.meta.url).pathname;
const LANGS = ['en', 'ru', 'zh', 'ar', 'el', 'hi', 'ta', 'eu'];
// fertility rises as pretraining data falls; the gap widens with it (a made-up but clear pattern)
const FERT = [1.1, 1.4, 1.3, 1.6, 1.5, 1.9, 2.3, 2.1];

function demoConfig() {
  const data = JSON.parse(readFileSync(join(root, 'analyses/demo.json'), 'utf8')) as any;
  // The demo's model, with this test's own grid: POS in 8 languages × 2 methods × 2 seeds = 32 cells.
  data.tasks = [{ name: 'pos', languages: LANGS }];
  data.seeds = [1, 2];
  data.correlation.bootstrap = 200;
  return parseStudyConfig(data);
}

function fakeStages(calls: string[], failAfter?: number): StudyStages {
  return {
    async trainTokenizer({ output }) { calls.push('tokenizer'); mkdirSync(dirname(output), { recursive: true }); writeFileSync(output, 'spm'); },
    async statistics({ output, tokenizers }) {
      calls.push(`statistics:${tokenizers.join(',')}`);
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, ['tokenizer,corpus,language,metric,value,word_source', ...LANGS.map((l, i) => `demo,flores,${l},fertility,${FERT[i]},segmenter`)].join('\n'));
    },
    async pretrain({ output }) { calls.push('pretrain'); mkdirSync(output, { recursive: true }); writeFileSync(join(output, 'config.json'), '{}'); },
    async tune({ cells, resultsFile }) {
      calls.push(`tune:${cells.length}`);
      mkdirSync(dirname(resultsFile), { recursive: true });
      cells.forEach((c, k) => {
        if (failAfter !== undefined && k >= failAfter) throw new Error('killed');
        const i = LANGS.indexOf(c.language);
        const score = c.method === 'finetune' ? 0.9 - 0.02 * i : 0.9 - 0.02 * i - 0.1 * FERT[i]! + 0.01 * c.seed;
        appendFileSync(resultsFile, `${JSON.stringify({ ...c, metric: 'accuracy', score, n: 10, trainable_params: 1, total_params: 2, steps: 1, wall_s: 0, backend: 'cpu', model: 'pretrained:demo-small', baseline: 0.1 + 0.01 * i })}\n`);
      });
    },
  };
}

test('runStudy runs every stage in order, then resumes a killed tuning grid with only the missing cells', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tokgap-study-'));
  try {
    const config = demoConfig();
    const calls: string[] = [];
    await assert.rejects(runStudy(config, { outDir: out, stages: fakeStages(calls, 10) }), /killed/);
    assert.deepEqual(calls, ['tokenizer', `statistics:spm:${join(out, 'tokenizer', 'sp.model')}`, 'pretrain', 'tune:32']);

    calls.length = 0;
    const r = await runStudy(config, { outDir: out, stages: fakeStages(calls) });
    assert.deepEqual(calls, ['tune:22']);
    assert.deepEqual(r.stages.map((s) => `${s.stage}:${s.action}`), ['tokenizer:skipped', 'statistics:skipped', 'pretrain:skipped', 'tune:ran', 'correlate:ran', 'report:ran']);
    const corr = r.analysis!.correlations.find((c) => c.metric === 'fertility' && c.target === 'gap')!;
    assert.equal(corr.n, 8);
    assert.ok(corr.pearson < -0.9, String(corr.pearson));
    // two seeds per language: error bars have an SD
    assert.ok(r.analysis!.summary.every((s) => s.seeds === 2));
    const html = readFileSync(join(out, 'report', 'study.html'), 'utf8');
    assert.match(html, /DEMO SCALE/);
    assert.match(html, /What it can show/);
    assert.match(html, /What it cannot show/);
    // The scores chart draws each language's baseline (from the results rows) as a tick.
    const scores = JSON.parse(readFileSync(join(out, 'report', 'study-scores.vl.json'), 'utf8')) as { data: { values: { language: string; baseline: number }[] }; spec: { layer: { mark: { type?: string } }[] } };
    assert.ok(scores.spec.layer.some((l) => l.mark.type === 'tick'));
    assert.ok(Math.abs(scores.data.values.find((v) => v.language === 'ru')!.baseline - 0.11) < 1e-12);
    const correlations = readFileSync(join(out, 'correlation', 'correlations.csv'), 'utf8').trimEnd().split('\n');
    assert.deepEqual(correlations[0]!.split(','), [...CORRELATION_CSV_COLUMNS]);
    assert.ok(correlations.length > 1, 'at least one correlation row');

    calls.length = 0;
    const again = await runStudy(config, { outDir: out, stages: fakeStages(calls) });
    assert.deepEqual(calls, []);
    assert.ok(again.stages.every((s) => s.action === 'skipped' || s.action === 'not-needed'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a stage that is unavailable stops the study with a typed error; the rerun resumes after the finished stages', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tokgap-study-'));
  try {
    const calls: string[] = [];
    const unavailable: StudyStages = { ...fakeStages(calls), pretrain: async () => { throw new StageUnavailableError('pretrain', 'not in this build'); } };
    await assert.rejects(runStudy(demoConfig(), { outDir: out, stages: unavailable }), (e: unknown) => e instanceof StageUnavailableError && e.code === 'STAGE_UNAVAILABLE' && e.stage === 'pretrain');
    assert.deepEqual(calls, ['tokenizer', `statistics:spm:${join(out, 'tokenizer', 'sp.model')}`]);
    calls.length = 0;
    await runStudy(demoConfig(), { outDir: out, stages: fakeStages(calls) });
    assert.deepEqual(calls, ['pretrain', 'tune:32']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a study with "save": true hands the tuning stage <out>/saved; without it, no save folder', async () => {
  for (const save of [true, undefined]) {
    const out = mkdtempSync(join(tmpdir(), 'tokgap-study-'));
    try {
      const data = JSON.parse(readFileSync(join(root, 'analyses/demo.json'), 'utf8')) as any;
      data.tasks = [data.tasks[0]];
      data.correlation.bootstrap = 50;
      if (save) data.save = true;
      const seen: (string | undefined)[] = [];
      const stages = fakeStages([]);
      const tune = stages.tune;
      stages.tune = async (input) => { seen.push(input.save); await tune(input); };
      await runStudy(parseStudyConfig(data), { outDir: out, stages });
      assert.deepEqual(seen, [save ? join(out, 'saved') : undefined]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
});
