import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTokenization } from '../../../src/stats/index.js';
import { fixtureDataPath, goldenPath } from '../../helpers/shared.js';
import { fakeTokenizer } from '../../helpers/fake-tokenizer.js';

const unigram = `spm:${goldenPath('udhr-unigram-8k.model')}`;
const bpe = `spm:${goldenPath('udhr-bpe-8k-bytefallback.model')}`;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'tokgap-job-'));

test('worker threads give exactly the rows of the in-thread run; tokenizers side by side', async () => {
  const base = { tokenizers: [unigram, bpe], corpus: 'udhr', langs: 'de,fr,ja', formats: ['csv' as const], resume: false };
  const threaded = await analyzeTokenization({ ...base, outDir: tmp(), workers: 2 });
  const inThread = await analyzeTokenization({ ...base, outDir: tmp(), workers: 0 });
  assert.equal(threaded.workers, 2);
  assert.deepEqual(threaded.rows, inThread.rows);
  assert.deepEqual([...new Set(threaded.rows.map((r) => r.tokenizer))], [unigram, bpe]);
  // English is counted as the premium reference even when not requested, but gets no rows.
  assert.equal(threaded.english, 'eng');
  assert.deepEqual([...new Set(threaded.rows.map((r) => r.language))], ['deu_1996', 'fra', 'jpn']);
  const bpeBytes = threaded.rows.find((r) => r.tokenizer === bpe && r.language === 'jpn' && r.metric === 'byte_fallback_rate')!;
  assert.ok(bpeBytes.value! > 0, 'the byte-fallback BPE model falls back on Japanese');
});

test('examples: UDHR article 1 per language and tokenizer, saved beside the table', async () => {
  const outDir = tmp();
  const r = await analyzeTokenization({ tokenizers: ['fake'], corpus: 'udhr', langs: 'en', outDir, formats: ['csv'], loadTokenizer: () => fakeTokenizer({ vocab: ['All', 'human'] }) });
  assert.equal(r.examples.length, 1);
  const ex = r.examples[0];
  assert.equal(ex.text, 'All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.');
  assert.deepEqual(ex.tokens.slice(0, 3).map((t) => [t.piece, ex.text.slice(t.start, t.end)]), [['All', 'All'], ['human', 'human'], ['b', 'b']]);
  assert.deepEqual(JSON.parse(readFileSync(join(outDir, 'examples.json'), 'utf8')), r.examples);
});

test('checkpoints: a resumed run reuses every language and changes nothing', async () => {
  const outDir = tmp();
  const opts = { tokenizers: ['fake'], corpus: 'udhr', langs: 'en,de', outDir, formats: ['json' as const], loadTokenizer: () => fakeTokenizer({ vocab: ['the'] }) };
  const first = await analyzeTokenization(opts);
  assert.deepEqual([first.computed, first.resumed], [2, 0]);
  const second = await analyzeTokenization(opts);
  assert.deepEqual([second.computed, second.resumed], [0, 2]);
  assert.deepEqual(second.rows, first.rows);
  const third = await analyzeTokenization({ ...opts, resume: false, alpha: 3 });
  assert.equal(third.computed, 2);
  assert.notEqual(third.rows.find((r) => r.language === 'deu_1996' && r.metric === 'renyi_efficiency')!.value, first.rows.find((r) => r.language === 'deu_1996' && r.metric === 'renyi_efficiency')!.value);
});

test('UD corpus reports gold words', async () => {
  const r = await analyzeTokenization({ tokenizers: ['fake'], corpus: `ud:${fixtureDataPath('pos/ud_pud')}`, langs: 'en', outDir: tmp(), formats: ['csv'], loadTokenizer: () => fakeTokenizer() });
  assert.ok(r.rows.every((row) => row.word_source === 'gold'));
  // The fake tokenizer gives one token per punctuation mark, so every gold punctuation word is one token.
  assert.ok(r.rows.find((row) => row.metric === 'fertility')!.value! > 1);
});
