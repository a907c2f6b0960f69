import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { StudyConfigSchema, studyJsonSchema } from '../../src/studies/config.js';
import { loadStudyConfig, parseStudyConfig } from '../../src/studies/load-config.js';
import { InvalidOptionError } from '../../src/errors.js';

const root = new URL('../..', import.meta.url).pathname;
const SHIPPED = ['analyses/xglm-replication.json', 'analyses/demo.json', 'analyses/xglm-564m-cpu.json'];
const raw = (f: string): Record<string, unknown> => JSON.parse(readFileSync(root + f, 'utf8')) as Record<string, unknown>;

test('every shipped study file validates and round-trip through JSON', () => {
  for (const f of SHIPPED) {
    const config = loadStudyConfig(root + f);
    const again = StudyConfigSchema.parse(JSON.parse(JSON.stringify(config)));
    assert.deepEqual(again, config, f);
  }
  assert.equal(loadStudyConfig(root + 'analyses/demo.json').scale, 'demo');
});

test('analyses/study.schema.json is the schema generated from StudyConfigSchema', () => {
  const committed = JSON.parse(readFileSync(root + 'analyses/study.schema.json', 'utf8')) as { properties: Record<string, unknown>; required: string[] };
  assert.deepEqual(committed, JSON.parse(JSON.stringify(studyJsonSchema())));
  // every key the shipped files use is declared, and every required key is present in them
  for (const f of SHIPPED) {
    const data = raw(f);
    for (const key of Object.keys(data)) assert.ok(key in committed.properties, `${f}: ${key}`);
    for (const key of committed.required) assert.ok(key in data, `${f} lacks ${key}`);
  }
});

test('a broken study file names the field path', () => {
  const cases: [(d: any) => void, string, RegExp][] = [
    [(d) => { d.tasks.push({ name: 'ner', languages: ['english!'] }); }, 'tasks.1.languages.0', /language code/],
    [(d) => { d.methods = ['prompt', 'lora']; }, 'methods.1', /./],
    [(d) => { d.seeds = [1, 1]; }, 'seeds.1', /duplicate seed 1/],
    [(d) => { d.model.heads = 3; }, 'model.heads', /not divisible/],
    [(d) => { d.tasks[0].languages = ['de', 'fr']; d.settings = ['zero-shot']; d.model.languages.push('de', 'fr'); }, 'tasks.0.languages', /source language en/],
    [(d) => { d.tasks[0].languages = ['en', 'ja']; }, 'tasks.0.languages.1', /not among model.languages/],
    [(d) => { d.budgets.stepz = 3; }, 'budgets', /stepz/],
    [(d) => { delete d.corpus; }, 'corpus', /./],
  ];
  for (const [breakIt, field, message] of cases) {
    const data = raw('analyses/demo.json');
    breakIt(data);
    assert.throws(() => parseStudyConfig(data, 'demo.json'), (e: unknown) => {
      assert.ok(e instanceof InvalidOptionError);
      assert.equal(e.field, field);
      assert.equal(e.file, 'demo.json');
      assert.match(e.message, message);
      return true;
    }, field);
  }
});

test('CLI: a broken study file exits 2 and names the file and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-study-bad-'));
  try {
    const data = raw('analyses/demo.json') as any;
    data.seeds = [];
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(data));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'study', file, '--dry-run'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.json: invalid study file: seeds: .*field seeds/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a truncated or broken study JSON says the line and column; an unknown key names the nearest known one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-study-json-'));
  try {
    const text = readFileSync(join(root, 'analyses/demo.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['truncated.json', text.slice(0, text.indexOf('"model"') + 20), /study file is not valid JSON at line \d+, column \d+/],
      ['empty.json', '', /at line 1, column 1: the file ends early/],
      ['comma.json', '{\n  "name": "x"\n  "corpus": "udhr"\n}\n', /at line 3, column 3: Expected ',' or '}'/],
    ];
    for (const [name, body, message] of cases) {
      writeFileSync(join(dir, name), body);
      assert.throws(() => loadStudyConfig(join(dir, name)), (e: unknown) => e instanceof InvalidOptionError && message.test(e.message) && typeof e.line === 'number', name);
    }
    const data = JSON.parse(text);
    data.methodz = data.methods;
    delete data.methods;
    assert.throws(() => parseStudyConfig(data, 'demo.json'), /unknown key `methodz` \(did you mean `methods`\?\)/);
    const budget = JSON.parse(text);
    budget.budgets.stepz = 3;
    assert.throws(() => parseStudyConfig(budget, 'demo.json'), /budgets: unknown key `stepz` \(did you mean `steps`\?\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
