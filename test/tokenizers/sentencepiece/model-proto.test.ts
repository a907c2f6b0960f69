// The proto reader against the .vocab files spm_train wrote next to each model (piece and
// score per line) and the training options in the shared README (unigram / BPE + byte_fallback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { spmSkip } from '../../helpers/tools.js';
import { parseModelProto } from '../../../src/tokenizers/sentencepiece/model-proto.js';
import { SentencePieceModel } from '../../../src/tokenizers/sentencepiece/model.js';

for (const [stem, type, fallback] of [['udhr-unigram-8k', 'unigram', false], ['udhr-bpe-8k-bytefallback', 'bpe', true]] as const) {
  test(`${stem}.model: pieces and scores equal ${stem}.vocab, spec fields as trained`, () => {
    const info = parseModelProto(readFileSync(goldenPath(`${stem}.model`)), stem);
    const vocab = readFileSync(goldenPath(`${stem}.vocab`), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
    assert.equal(info.parts.pieces.length, 8000);
    assert.equal(vocab.length, 8000);
    info.parts.pieces.forEach((p, i) => {
      assert.equal(p.piece, vocab[i]![0]);
      // .vocab prints scores with 6 significant digits.
      assert.ok(Math.abs(p.score - Number(vocab[i]![1])) <= 1e-5 * Math.max(1, Math.abs(p.score)), `${i}`);
    });
    assert.equal(info.parts.modelType, type);
    assert.equal(info.parts.byteFallback, fallback);
    assert.equal(info.parts.unkId, 0);
    assert.deepEqual([info.bosId, info.eosId, info.padId], [1, 2, -1]);
    assert.equal(info.normalizerName, 'nmt_nfkc');
    assert.deepEqual(info.parts.pieces.slice(0, 3).map((p) => p.type), ['unknown', 'control', 'control']);
    assert.equal(info.parts.pieces.filter((p) => p.type === 'byte').length, fallback ? 256 : 0);
    assert.equal(info.parts.normalizer.addDummyPrefix && info.parts.normalizer.removeExtraWhitespaces && info.parts.normalizer.escapeWhitespaces, true);
  });
}

/** A protobuf varint of an int32 as proto writes it: negatives as 10-byte 64-bit two's complement. */
function varintOf(value: number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return out;
}

/** The golden model with one more trainer_spec (field 2) appended: protobuf merges it, its fields win. */
function withTrainerIds(ids: { bos?: number; eos?: number; pad?: number }): Uint8Array {
  const spec: number[] = [];
  for (const [field, value] of [[41, ids.bos], [42, ids.eos], [43, ids.pad]] as const) {
    if (value !== undefined) spec.push(...varintOf(field * 8), ...varintOf(value));
  }
  const golden = readFileSync(goldenPath('udhr-unigram-8k.model'));
  return new Uint8Array([...golden, 2 * 8 + 2, ...varintOf(spec.length), ...spec]);
}

test('stored negative ids stay negative: bos_id = -1 (as mT5 has), eos_id = -2; large positives exact', () => {
  assert.deepEqual(varintOf(-1), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 'the 10-byte form spm_train writes');
  const info = parseModelProto(withTrainerIds({ bos: -1, eos: -2, pad: 3 }), 'bos-minus-one.model');
  assert.deepEqual([info.bosId, info.eosId, info.padId], [-1, -2, 3]);
  const big = parseModelProto(withTrainerIds({ bos: 2 ** 31 - 1, eos: -(2 ** 31), pad: 300 }), 'big-ids.model');
  assert.deepEqual([big.bosId, big.eosId, big.padId], [2 ** 31 - 1, -(2 ** 31), 300]);
  assert.equal(info.parts.pieces.length, 8000, 'the rest of the model is read as before');
});

test('a model spm_train wrote with --bos_id=-1 reports bos -1 and encodes as spm_encode does', { skip: spmSkip() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'spm-bos-'));
  try {
    const texts = Object.values((JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, { text: string }[]> }).langs).flat().map((l) => l.text);
    writeFileSync(join(dir, 'train.txt'), texts.join('\n') + '\n');
    const trained = spawnSync('spm_train', [`--input=${join(dir, 'train.txt')}`, `--model_prefix=${join(dir, 'm')}`, '--vocab_size=1200', '--bos_id=-1', '--eos_id=1', '--unk_id=0', '--character_coverage=0.995'], { encoding: 'utf8' });
    assert.equal(trained.status, 0, trained.stderr);
    const bytes = readFileSync(join(dir, 'm.model'));
    const info = parseModelProto(bytes, 'm.model');
    assert.deepEqual([info.bosId, info.eosId, info.padId, info.parts.unkId], [-1, 1, -1, 0]);
    assert.ok(!info.parts.pieces.some((p) => p.piece === '<s>'), 'no <s> piece when bos is off');
    const lines = texts.slice(0, 40);
    const ref = spawnSync('spm_encode', [`--model=${join(dir, 'm.model')}`, '--output_format=id'], { input: lines.join('\n') + '\n', encoding: 'utf8' });
    assert.equal(ref.status, 0, ref.stderr);
    const model = SentencePieceModel.fromBuffer(bytes, 'm.model');
    assert.deepEqual(lines.map((l) => model.encode(l).ids.join(' ')), ref.stdout.trimEnd().split('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
