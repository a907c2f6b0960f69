// Bad input across every command, by class: no stack trace, one exit-code table, option errors in
// tokgap's words, empty values refused. Runs the built CLI (dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';

const root = new URL('../..', import.meta.url).pathname;
const main = `${root}dist/cli/main.js`;

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TOKGAP_DEBUG: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Throws a plain TypeError through the CLI's last-resort handler, as a bug anywhere would. */
function internal(debug: boolean) {
  const script = `import('${main}').then((m) => m.reportInternalError(new TypeError('x is undefined'), ${debug}))`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

test('an unexpected exception is one line saying it is a bug; the trace only with --debug', () => {
  const plain = internal(false);
  assert.equal(plain.status, 1);
  assert.match(plain.stderr, /^internal error \(a bug in tokgap\): TypeError: x is undefined\n/);
  assert.match(plain.stderr, /report it.*--debug/);
  assert.doesNotMatch(plain.stderr, /\n\s+at /);
  const debug = internal(true);
  assert.equal(debug.status, 1);
  assert.match(debug.stderr, /\n\s+at /);
});

test('debugWanted: --debug or TOKGAP_DEBUG, not TOKGAP_DEBUG=0', async () => {
  const { debugWanted } = await import('../../src/cli/main.js');
  assert.equal(debugWanted(['tune', '--debug'], {}), true);
  assert.equal(debugWanted(['tune'], { TOKGAP_DEBUG: '1' }), true);
  assert.equal(debugWanted(['tune'], { TOKGAP_DEBUG: '0' }), false);
  assert.equal(debugWanted(['tune'], {}), false);
});

test('usage errors exit 2 and --help prints the exit-code table', () => {
  const unknown = cli(['tokenizationx']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Did you mean tokenization/);
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Exit status:[\s\S]*2 +bad option[\s\S]*3 +missing resource[\s\S]*130/);
});

const tune = ['tune', '--task', 'pos', '--model', 'nowhere'];
const optionCases: [string, string[], RegExp][] = [
  ['a number below its range', [...tune, '--langs', 'en', '--steps', '0'], /--steps was given 0 \(field steps; expected a number > 0\)/],
  ['text for a number', [...tune, '--langs', 'en', '--batch-size', 'eight'], /--batch-size takes a number, not "eight"/],
  ['a bad list item', [...tune, '--langs', 'en,EN'], /--langs was given "en,EN" .*language codes of 2 or 3 lowercase letters/],
  ['an unknown choice', [...tune, '--langs', 'en', '--methods', 'prompt,lora'], /--methods was given "prompt,lora" .*one of "prompt", "finetune"/],
  ['pretrain heads', ['pretrain', '--corpus', 'udhr', '--tokenizer', 'tiktoken:o200k_base', '--out', 'x', '--heads', '3'], /--heads was given 3 .*a divisor of --d-model 128/],
];
for (const [name, args, message] of optionCases) {
  test(`option error in tokgap's words: ${name}`, () => {
    const r = cli(args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /Too small|received NaN|expected number|more: \(root\)/);
  });
}

const emptyCases: [string, string[]][] = [
  ['tokenization --langs ""', ['tokenization', '--langs', '']],
  ['tokenization --langs ,', ['tokenization', '--langs', ',']],
  ['tokenization --corpus=', ['tokenization', '--corpus=']],
  ['tokenization --tokenizer "" (repeatable)', ['tokenization', '--tokenizer', 'tiktoken:o200k_base', '--tokenizer', '']],
  ['tune --langs ""', [...tune, '--langs', '']],
  ['tune --model ""', ['tune', '--task', 'pos', '--langs', 'en', '--model', '']],
  ['pretrain --out ""', ['pretrain', '--corpus', 'udhr', '--tokenizer', 'tiktoken:o200k_base', '--out', '']],
  ['correlate --metrics ""', ['correlate', '--stats', 'a.csv', '--results', 'b.csv', '--metrics', '']],
  ['encode --tokenizer ""', ['encode', '--tokenizer', '']],
];
for (const [name, args] of emptyCases) {
  test(`an empty value is an error, not "everything": ${name}`, () => {
    const r = cli(args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /error: --[\w-]+ was given an empty value/);
    assert.equal(r.stdout, '');
  });
}

// yargs fills in an option's default when its value is missing; the raw command line shows it.
const bareCases: [string, string[], string][] = [
  ['tokenization --langs at the end', ['tokenization', '--langs'], '--langs'],
  ['tokenization --langs before another option', ['tokenization', '--langs', '--out', 'x'], '--langs'],
  ['tune --steps at the end', [...tune, '--langs', 'en', '--steps'], '--steps'],
  ['encode --tokenizer at the end', ['encode', '--tokenizer'], '--tokenizer'],
];
for (const [name, args, option] of bareCases) {
  test(`an option without its value is an error, not its default: ${name}`, () => {
    const r = cli(args);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.split('\n')[0], `error: ${option} was given no value (field ${option}; expected a value after the option; leave the option out to get its default)`);
    assert.equal(r.stdout, '');
  });
}
test('a boolean flag at the end of the line is not an option without its value', () => {
  const r = cli(['tokenization', '--langs', 'xx-nope', '--json']);
  assert.doesNotMatch(r.stderr, /given no value/);
});

// Every command checks where it writes before it loads a model or reads a corpus.
const place = mkdtempSync(join(tmpdir(), 'tokgap-badout-'));
const blocker = join(place, 'a-file');
writeFileSync(blocker, 'not a folder');
const spm = `spm:${goldenPath('udhr-unigram-8k.model')}`;
const outCases: [string, string[], string][] = [
  ['tokenization --out', ['tokenization', '--tokenizer', spm, '--langs', 'en', '--out', join(blocker, 'out')], '--out'],
  ['pretrain --out', ['pretrain', '--corpus', 'udhr', '--tokenizer', spm, '--out', join(blocker, 'model')], '--out'],
  ['tune --results', ['tune', '--task', 'pos', '--langs', 'en', '--model', 'nowhere', '--results', join(blocker, 'r.jsonl')], '--results'],
  ['tune --save', ['tune', '--task', 'pos', '--langs', 'en', '--model', 'nowhere', '--results', join(place, 'r.jsonl'), '--save', blocker], '--save'],
  ['tune --report-dir', ['tune', '--task', 'pos', '--langs', 'en', '--model', 'nowhere', '--results', join(place, 'r.jsonl'), '--format', 'html', '--report-dir', join(blocker, 'rep')], '--report-dir'],
  ['correlate --out', ['correlate', '--stats', 'missing.csv', '--results', 'missing.jsonl', '--out', blocker], '--out'],
  ['report --out', ['report', '--input', 'missing.csv', '--out', join(blocker, 'rep')], '--out'],
  ['study --out', ['study', 'analyses/demo.json', '--out', blocker], '--out'],
];
for (const [name, args, option] of outCases) {
  test(`an output path that cannot be written fails first, naming it: ${name}`, () => {
    const r = cli(args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^error: .*a-file.*: cannot write ${option} here: .*(is a file|not a folder)`));
    assert.doesNotMatch(r.stderr, /ENOTDIR|EEXIST|\n\s+at /);
  });
}
test('a missing --model folder is reported as missing (exit 3), after the output checks pass', () => {
  const r = cli(['tune', '--task', 'pos', '--langs', 'en', '--model', join(place, 'no-model'), '--results', join(place, 'r.jsonl')]);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /no-model: model folder not found/);
  assert.equal(existsSync(join(place, 'r.jsonl')), false);
  assert.deepEqual(readdirSync(place).sort(), ['a-file']);
});
test.after(() => rmSync(place, { recursive: true, force: true }));

test('the default-tokenizer notice never stands in front of an error; --help names the real default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-notice-'));
  try {
    const file = join(dir, 'f');
    writeFileSync(file, 'x');
    const r = cli(['tokenization', '--langs', 'en', '--out', file], { HF_HOME: join(dir, 'no-hf') });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^error: /);
    assert.doesNotMatch(r.stderr, /tokenizer: /);
    const help = cli(['tokenization', '--help']);
    assert.match(help.stdout.replace(/\s+/g, ' '), /Default: XGLM's \(hub:facebook\/xglm-564M\) when it is in the HF cache, else tiktoken:o200k_base/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unknown option is named in tokgap's words with the nearest known one; a stray argument is called an argument", () => {
  const typo = cli(['tokenization', '--lang', 'en']);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /^error: unknown option --lang \(did you mean --langs\?\); see analyze tokenization --help for what it takes\n$/);
  const two = cli(['tune', '--task', 'pos', '--langs', 'en', '--model', 'm', '--stepz', '3', '--frobnicate']);
  assert.equal(two.status, 2);
  assert.match(two.stderr, /unknown option --stepz \(did you mean --steps\?\), option --frobnicate; see analyze tune --help/);
  const stray = cli(['tokenization', 'extra']);
  assert.equal(stray.status, 2);
  assert.match(stray.stderr, /unknown argument "extra"; see analyze tokenization --help/);
  const missing = cli(['tune', '--task', 'pos']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^error: missing required options --langs, --model; see analyze tune --help for what it takes\n$/);
});
