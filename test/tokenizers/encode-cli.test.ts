import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goldenPath } from '../helpers/shared.js';
import { spmSkip } from '../helpers/tools.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function analyze(args: string[], input: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, HF_HOME: '/nonexistent-tokgap-hf-home' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

interface SpmRow { text: string }
const texts = Object.values((JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, SpmRow[]> }).langs).flat().map((r) => r.text);
// Golden lines plus the awkward ones: empty, spaces only, and a last line with no newline.
const input = [...texts, '', '   ', '  two  spaces  ', 'tab\there'].join('\n') + '\nno newline at the end';

// Ids for the unigram model, pieces for the BPE one (each spawn costs a second or more).
for (const [model, format] of [['udhr-unigram-8k.model', 'id'], ['udhr-bpe-8k-bytefallback.model', 'piece']] as const) {
  test(`analyze encode matches spm_encode --output_format=${format} on ${model}`, { skip: spmSkip() }, () => {
    const expected = spawnSync('spm_encode', [`--model=${goldenPath(model)}`, `--output_format=${format}`], { input, encoding: 'utf8' });
    assert.equal(expected.status, 0, expected.stderr);
    const ours = analyze(['encode', '--tokenizer', `spm:${goldenPath(model)}`, ...(format === 'piece' ? ['--pieces'] : [])], input);
    assert.equal(ours.status, 0, ours.stderr);
    assert.equal(ours.stdout, expected.stdout);
  });
}

test('analyze encode: tiktoken known ids one line per input line; --special --json on the XGLM-format file', () => {
  const r = analyze(['encode', '--tokenizer', 'tiktoken:cl100k_base'], 'tiktoken is great!\n\nhello world');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '83 1609 5963 374 2294 0\n\n15339 1917\n');
  // xglm-format-golden.json, eng[1], with the leading </s> that --special adds.
  const json = analyze(['encode', '--tokenizer', `hf:${goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json')}`, '--special', '--json'], 'Preamble\n');
  assert.deepEqual(JSON.parse(json.stdout), { ids: [2, 792, 54, 268, 2007], pieces: ['</s>', '▁P', 're', 'am', 'ble'], kinds: [3, 0, 0, 0, 0], offsets: [0, 0, 0, 1, 1, 3, 3, 5, 5, 8] });
});

test('analyze encode without --tokenizer says which default it chose', () => {
  const r = analyze(['encode'], 'hello world\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /tiktoken:o200k_base/);
  assert.match(r.stderr, /not in the HF cache/);
  assert.equal(r.stdout.split('\n').length, 2);
});

test('analyze encode: a bad spec exits non-zero with the error; --help shows examples', () => {
  const bad = analyze(['encode', '--tokenizer', 'nope:x'], 'x\n');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown tokenizer kind "nope"/);
  const help = analyze(['encode', '--help'], '');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--pieces/);
  assert.match(help.stdout, /Examples:/);
});

test('encode: invalid UTF-8 on stdin is an error naming the line; --replace-invalid reads it as U+FFFD (spm_encode)', () => {
  const input = Buffer.concat([Buffer.from('good line\nsecond\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes\n')]);
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'encode', '--tokenizer', 'tiktoken:o200k_base', '--pieces', ...args], { cwd: root, input, encoding: 'utf8' });
  const strict = run([]);
  assert.equal(strict.status, 2, strict.stderr);
  assert.match(strict.stderr, /^error: stdin:3: invalid UTF-8 \(expected UTF-8 text \(or --replace-invalid/);
  const lenient = run(['--replace-invalid']);
  assert.equal(lenient.status, 0, lenient.stderr);
  assert.equal(lenient.stdout.trim().split('\n').length, 3);
});
