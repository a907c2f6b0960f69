import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';
import { loadFolderTokenizer, saveTokenizerFolder } from '../../src/tokenizers/folder.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { SentencePieceModel } from '../../src/tokenizers/sentencepiece/index.js';
import type { Tokenizer } from '../../src/tokenizers/types.js';
import { XglmTokenizer } from '../../src/tokenizers/xglm/index.js';

interface GoldenLine { text: string; unigram_ids: number[]; input_ids?: number[] }
const spmGolden = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, GoldenLine[]> };
const xglmGolden = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { langs: Record<string, { text: string; input_ids: number[] }[]> };
const lines = (): GoldenLine[] => Object.values(spmGolden.langs).flat();

function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-tokfolder-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const ids = (t: Tokenizer, text: string): number[] => Array.from(t.encode(text, { addSpecialTokens: true }).ids);

test('an XGLM tokenizer saves as sentencepiece.bpe.model + tokenizer_config.json + special_tokens_map.json, as transformers reads them', () =>
  withDir(async (dir) => {
    const spm = (await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`)) as SentencePieceModel;
    const xglm = XglmTokenizer.fromSentencePiece(spm);
    const info = saveTokenizerFolder(xglm, dir, 64);
    assert.deepEqual(readdirSync(dir).sort(), ['sentencepiece.bpe.model', 'special_tokens_map.json', 'tokenizer_config.json']);
    assert.deepEqual(info, { format: 'xglm', name: 'udhr-unigram-8k', vocab_size: 8008, files: ['sentencepiece.bpe.model', 'tokenizer_config.json', 'special_tokens_map.json'] });
    assert.deepEqual(readFileSync(join(dir, 'sentencepiece.bpe.model')), readFileSync(goldenPath('udhr-unigram-8k.model')));
    // This one follows sentencepiece (the default of fromSentencePiece), so the folder says so.
    const config = JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8'));
    // The same special tokens as the golden folder transformers saved (make_golden.py).
    const golden = JSON.parse(readFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer_config.json'), 'utf8'));
    assert.equal(config.tokenizer_class, 'XGLMTokenizer');
    for (const key of ['bos_token', 'eos_token', 'unk_token', 'pad_token', 'sep_token', 'cls_token']) assert.equal(config[key], golden[key], key);
    assert.equal(config.model_max_length, 64);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'special_tokens_map.json'), 'utf8')), { bos_token: '<s>', eos_token: '</s>', sep_token: '</s>', cls_token: '<s>', unk_token: '<unk>', pad_token: '<pad>' });

    const back = await loadFolderTokenizer(dir);
    assert.ok(back instanceof XglmTokenizer);
    assert.equal(back.vocabSize, 8008);
    for (const line of lines()) {
      const got = ids(back, line.text);
      assert.deepEqual(got, ids(xglm, line.text));
      // transformers' XGLMTokenizer over sentencepiece: `</s>`, then SentencePiece ids + 1 (its <unk> 0 → 3).
      assert.deepEqual(got, [2, ...line.unigram_ids.map((id) => (id === 0 ? 3 : id + 1))]);
    }
  }));

test('a folder saved in transformers\' normalisation gives transformers\' ids on all 204 golden lines; one in sentencepiece\'s differs only on the Bengali grapheme case', () =>
  withDir(async (dir) => {
    const spm = (await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`)) as SentencePieceModel;
    for (const [normalization, expected] of [['transformers', []], ['sentencepiece', ['ben']]] as const) {
      const sub = join(dir, normalization);
      mkdirSync(sub);
      saveTokenizerFolder(XglmTokenizer.fromSentencePiece(spm, undefined, normalization), sub);
      const config = JSON.parse(readFileSync(join(sub, 'tokenizer_config.json'), 'utf8'));
      assert.equal(config.tokgap_normalization, normalization === 'sentencepiece' ? 'sentencepiece' : undefined);
      const back = (await loadFolderTokenizer(sub)) as XglmTokenizer;
      assert.equal(back.normalization, normalization);
      const differing: string[] = [];
      let n = 0;
      for (const [lang, rows] of Object.entries(xglmGolden.langs)) {
        for (const r of rows) {
          n++;
          if (JSON.stringify(ids(back, r.text)) !== JSON.stringify(r.input_ids)) differing.push(lang);
        }
      }
      assert.equal(n, 204);
      assert.deepEqual(differing, expected, normalization);
    }
  }));

test('tokenizer.json, raw SentencePiece and tiktoken tokenizers save and load back with the same ids', () =>
  withDir(async (dir) => {
    const cases: [string, string[]][] = [
      [`hf:${goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json')}`, ['tokenizer.json', 'tokenizer_config.json']],
      [`spm:${goldenPath('udhr-bpe-8k-bytefallback.model')}`, ['tokenizer.model']],
      ['tiktoken:cl100k_base', ['tokenizer_config.json']],
    ];
    for (const [i, [spec, files]] of cases.entries()) {
      const sub = join(dir, String(i));
      mkdirSync(sub);
      const tokenizer = await loadTokenizer(spec);
      const info = saveTokenizerFolder(tokenizer, sub);
      assert.deepEqual(readdirSync(sub).sort(), files, spec);
      assert.deepEqual(info.files.sort(), files);
      const back = (await loadFolderTokenizer(sub))!;
      assert.equal(back.format, tokenizer.format, spec);
      assert.equal(back.vocabSize, tokenizer.vocabSize, spec);
      for (const line of lines().slice(0, 60)) assert.deepEqual(ids(back, line.text), ids(tokenizer, line.text), `${spec}: ${line.text.slice(0, 30)}`);
    }
    const hfConfig = JSON.parse(readFileSync(join(dir, '0', 'tokenizer_config.json'), 'utf8'));
    assert.equal(hfConfig.tokenizer_class, 'PreTrainedTokenizerFast');
  }));

test('a folder without tokenizer files has none; a tokenizer not read from a file cannot be saved', () =>
  withDir(async (dir) => {
    assert.equal(await loadFolderTokenizer(dir), undefined);
    assert.throws(() => saveTokenizerFolder(fakeTokenizer(), dir), (e: Error & { code?: string; field?: string }) => e.field === 'tokenizer' && /cannot be saved/.test(e.message));
    assert.deepEqual(readdirSync(dir), []);
  }));
