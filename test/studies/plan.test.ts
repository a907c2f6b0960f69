import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadStudyConfig } from '../../src/studies/load-config.js';
import { planStudy, studyCells } from '../../src/studies/plan.js';
import { runStudy } from '../../src/studies/run.js';
import { manifestCoverage } from '../helpers/manifest.js';

const root = new URL('../..', import.meta.url).pathname;

test('replication: every task covers exactly the XGLM languages MANIFEST has data for; cell count follows', () => {
  const cover = manifestCoverage();
  assert.deepEqual(Object.fromEntries(Object.entries(cover).map(([k, v]) => [k, v.length])), { xnli: 15, pawsx: 7, ner: 27, pos: 26 });
  const config = loadStudyConfig(root + 'analyses/xglm-replication.json');
  for (const task of config.tasks) assert.deepEqual([...task.languages].sort(), [...cover[task.name]!].sort(), task.name);
  const perLanguage = config.methods.length * config.settings.length * config.seeds.length;
  const expected = Object.values(cover).reduce((s, l) => s + l.length, 0) * perLanguage;
  assert.equal(expected, 75 * 2 * 2 * 3);
  const cells = studyCells(config);
  assert.equal(cells.length, expected);
  assert.equal(new Set(cells.map((c) => `${c.task}/${c.language}/${c.method}/${c.setting}/${c.seed}`)).size, expected);
});

test('dry run needs no model: CLI lists every cell, JSON gives the count and stage plan', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', 'study', 'analyses/xglm-replication.json', '--dry-run', '--out', '/tmp/tokgap-dry-run-never-written'], { cwd: root, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout) as { count: number; cells: unknown[]; stages: { stage: string; status: string }[] };
  assert.equal(out.count, 900);
  assert.equal(out.cells.length, 900);
  assert.deepEqual(out.stages.map((s) => `${s.stage}:${s.status}`), ['tokenizer:skip', 'statistics:todo', 'pretrain:skip', 'tune:todo', 'correlate:todo', 'report:todo']);
  const text = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'study', 'analyses/demo.json', '--dry-run', '--out', '/tmp/tokgap-dry-run-never-written'], { cwd: root, encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  // demo: one cell line per task language × method × seed (1 setting)
  const demo = loadStudyConfig(root + 'analyses/demo.json');
  const cells = demo.tasks.reduce((n, t) => n + t.languages.length, 0) * demo.methods.length * demo.seeds.length;
  assert.equal(text.stdout.split('\n').filter((l) => /^ {2}(pos|ner) \w+ (prompt|finetune) in-language \d+$/.test(l)).length, cells);
  assert.match(text.stdout, /\[todo\] pretrain/);
});

test('dry run writes nothing and reports done cells from an existing results file', async () => {
  const config = loadStudyConfig(root + 'analyses/demo.json');
  const r = await runStudy(config, { outDir: '/tmp/tokgap-dry-run-never-written', dryRun: true });
  assert.equal(r.plan.done, 0);
  assert.ok(r.stages.every((s) => s.action === 'planned'));
  assert.equal(planStudy(config, '/x', new Set(['pos/en/prompt/in-language/1'])).done, 1);
});

test('a dry run says when the model folder of an hf study is missing, and how to get it', () => {
  const config = loadStudyConfig(root + 'analyses/xglm-replication.json');
  const missing = { ...config, model: { ...config.model, path: '/nonexistent/xglm-564M' } } as typeof config;
  const stage = planStudy(missing, '/tmp/tokgap-plan-never-written').stages.find((s) => s.stage === 'pretrain')!;
  assert.match(stage.detail, /uses \/nonexistent\/xglm-564M, which is MISSING: put an HF model folder there .* or set model.path to a hub:OWNER\/NAME spec/);
  const hub = { ...config, model: { ...config.model, path: 'hub:facebook/xglm-564M' } } as typeof config;
  assert.equal(planStudy(hub, '/tmp/tokgap-plan-never-written').stages.find((s) => s.stage === 'pretrain')!.detail, 'uses hub:facebook/xglm-564M');
});
