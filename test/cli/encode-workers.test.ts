import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixtureDataPath, goldenPath } from '../helpers/shared.js';
import { spmSkip } from '../helpers/tools.js';
import { lineBlocks, encodeBlocks } from '../../src/cli/commands/encode-stream.js';
import { SentencePieceModel } from '../../src/tokenizers/sentencepiece/index.js';
import { isTokgapError } from '../../src/errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// A FLORES-200 sample: 200 dev sentences of each of 8 scripts, about 0.4 MB, so that two
// threads get several blocks each.
const sample = ['eng_Latn', 'rus_Cyrl', 'zho_Hans', 'jpn_Jpan', 'arb_Arab', 'hin_Deva', 'tha_Thai', 'mya_Mymr']
  .map((code) => readFileSync(fixtureDataPath('flores200', 'dev', `${code}.dev`), 'utf8').split('\n').slice(0, 200).join('\n'))
  .join('\n') + '\n';

function analyze(args: string[], input: string | Buffer): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

for (const model of ['udhr-unigram-8k.model', 'udhr-bpe-8k-bytefallback.model']) {
  test(`encode --workers 2 prints what --workers 1 and spm_encode print, in order, on a FLORES sample (${model})`, { skip: spmSkip() }, () => {
    const spm = spawnSync('spm_encode', [`--model=${goldenPath(model)}`, '--output_format=id'], { input: sample, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(spm.status, 0, spm.stderr);
    const one = analyze(['encode', '--tokenizer', `spm:${goldenPath(model)}`, '--workers', '1'], sample);
    const two = analyze(['encode', '--tokenizer', `spm:${goldenPath(model)}`, '--workers', '2'], sample);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.equal(one.stdout, spm.stdout);
    assert.equal(two.stdout, one.stdout);
  });
}

test('encode --workers 2 --pieces keeps the line order too, and a bad spec fails before reading input', () => {
  const spec = `spm:${goldenPath('udhr-unigram-8k.model')}`;
  const one = analyze(['encode', '--tokenizer', spec, '--pieces'], sample);
  const two = analyze(['encode', '--tokenizer', spec, '--pieces', '--workers', '2'], sample);
  assert.equal(two.status, 0, two.stderr);
  assert.equal(two.stdout, one.stdout);
  const missing = analyze(['encode', '--tokenizer', 'spm:/nonexistent/x.model', '--workers', '2'], 'a\n');
  assert.equal(missing.status, 3, missing.stderr);
  assert.match(missing.stderr, /cannot read the SentencePiece model/);
  const zero = analyze(['encode', '--tokenizer', spec, '--workers', '0'], 'a\n');
  assert.equal(zero.status, 2, zero.stderr);
  assert.match(zero.stderr, /workers/);
});

test('encode --workers 2: invalid UTF-8 names its line even when earlier blocks went to another thread', () => {
  const lines = sample.split('\n').slice(0, 2000);
  const bad = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0x61, 0xff, 0x0a])]);
  const r = analyze(['encode', '--tokenizer', `spm:${goldenPath('udhr-unigram-8k.model')}`, '--workers', '2'], bad);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`stdin:${lines.length + 1}: invalid UTF-8`));
});

test('lineBlocks: whole lines per block, long lines carried across chunks, line numbers kept', async () => {
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from('\uFEFFab');
    yield Buffer.from('c\nd');
    yield Buffer.from('e\nf\n');
    yield Buffer.from('g');
  }
  const got: { text: string; firstLine: number; streamStart: boolean }[] = [];
  for await (const b of lineBlocks(chunks())) got.push({ text: Buffer.from(b.bytes).toString('utf8'), firstLine: b.firstLine, streamStart: b.streamStart });
  assert.deepEqual(got, [
    { text: '\uFEFFabc\n', firstLine: 0, streamStart: true },
    { text: 'de\nf\n', firstLine: 1, streamStart: false },
    { text: 'g', firstLine: 3, streamStart: false },
  ]);
  // Ids from the bytes equal ids from the strings, the BOM at the stream's start dropped.
  const model = SentencePieceModel.fromFile(goldenPath('udhr-unigram-8k.model'));
  const out: Buffer[] = [];
  await encodeBlocks(lineBlocks(chunks()), model, { format: 'ids', special: false, replaceInvalid: false }, (b) => { out.push(Buffer.from(b)); });
  const want = ['abc', 'de', 'f', 'g'].map((l) => Array.from(model.encodeIds(l)).join(' ')).join('\n') + '\n';
  assert.equal(Buffer.concat(out).toString('utf8'), want);
  // A bad byte in the third block is line 4.
  async function* badChunks(): AsyncGenerator<Buffer> {
    yield Buffer.from('a\nb\n');
    yield Buffer.from('c\n');
    yield Buffer.from([0x64, 0xc3, 0x0a]);
  }
  await assert.rejects(encodeBlocks(lineBlocks(badChunks()), model, { format: 'ids', special: false, replaceInvalid: false }, () => undefined), (e: unknown) => isTokgapError(e) && e.line === 4);
});

test('encode start-up loads no tfjs, Vega or Arquero (nor the other formats\' packages for an spm model)', () => {
  const r = spawnSync(process.execPath, ['--import', './test/helpers/package-log.mjs', 'dist/cli/main.js', 'encode', '--tokenizer', `spm:${goldenPath('udhr-unigram-8k.model')}`], { cwd: root, input: 'hello\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const packages = new Set([...r.stderr.matchAll(/^PKG (.+)$/gm)].map((m) => m[1]));
  for (const heavy of ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', 'vega', 'vega-lite', 'arquero', 'zod', 'gpt-tokenizer', '@huggingface/tokenizers', 'udhr']) {
    assert.ok(!packages.has(heavy), `encode loaded ${heavy}: ${[...packages].join(', ')}`);
  }
});
