// The exit-code contract (src/util/exit-codes.ts) on every command: each class of outcome gets its
// status, and a failure prints one `error:` line, never a stack trace. Runs the built CLI (dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../src/util/exit-codes.js';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';

const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tokgap-exit-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: dir, input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TOKGAP_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const spm = `spm:${goldenPath('udhr-unigram-8k.model')}`;
const at = (name: string) => join(dir, name);
writeFileSync(at('bad-utf8.txt'), Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0xfe, 0x0a]));
mkdirSync(at('badcorpus'));
writeFileSync(at('badcorpus/en.txt'), Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0xfe, 0x0a]));
writeFileSync(at('short-row.csv'), 'tokenizer,corpus,language,metric,value\nx,udhr,eng,fertility\n');
writeFileSync(at('truncated.json'), '{"name": "s",\n  "tokenization": {\n');
writeFileSync(at('stats.csv'), ['tokenizer,corpus,language,metric,value', ...['eng_Latn', 'deu_Latn', 'fra_Latn', 'spa_Latn'].map((l, i) => `t,flores,${l},fertility,${1 + i / 3}`)].join('\n'));
writeFileSync(at('results.jsonl'), ['en', 'de', 'fr', 'es'].flatMap((l, i) => [
  JSON.stringify({ task: 'pos', language: l, method: 'prompt', setting: 'in-language', seed: 1, score: 0.5 + i / 10 }),
  JSON.stringify({ task: 'pos', language: l, method: 'finetune', setting: 'in-language', seed: 1, score: 0.6 }),
]).join('\n'));
writeFileSync(at('corpus.txt'), 'The quick brown fox jumps over the lazy dog.\nA second line of English text.\n'.repeat(20));

type Case = [outcome: string, args: string[], status: number, stdin?: string | Buffer];
// Order matters where a case uses what an earlier one wrote (pretrain → tune, tokenization → report).
const cases: Record<string, Case[]> = {
  tokenization: [
    ['done', ['tokenization', '--tokenizer', spm, '--langs', 'en', '--out', at('tok')], EXIT.OK],
    ['unknown option', ['tokenization', '--langz', 'en'], EXIT.USAGE],
    ['bad input file', ['tokenization', '--tokenizer', spm, '--corpus', `text:${at('badcorpus')}`, '--langs', 'en', '--out', at('tok2')], EXIT.USAGE],
    ['missing resource', ['tokenization', '--tokenizer', `spm:${at('none.model')}`, '--langs', 'en', '--out', at('tok3')], EXIT.MISSING],
  ],
  encode: [
    ['done', ['encode', '--tokenizer', spm], EXIT.OK, 'hello world\n'],
    ['unknown option', ['encode', '--tokenizer', spm, '--piecez'], EXIT.USAGE, ''],
    ['bad input file', ['encode', '--tokenizer', spm], EXIT.USAGE, Buffer.from([0xff, 0x0a])],
    ['missing resource', ['encode', '--tokenizer', `spm:${at('none.model')}`], EXIT.MISSING, ''],
  ],
  report: [
    ['done', ['report', '--input', at('tok'), '--out', at('rep')], EXIT.OK],
    ['unknown option', ['report', '--input', at('tok'), '--colour-by', 'tier'], EXIT.USAGE],
    ['bad input file', ['report', '--input', at('short-row.csv'), '--out', at('rep2')], EXIT.USAGE],
    ['missing resource', ['report', '--input', at('none.csv'), '--out', at('rep3')], EXIT.MISSING],
  ],
  correlate: [
    ['done', ['correlate', '--stats', at('stats.csv'), '--results', at('results.jsonl'), '--bootstrap', '50', '--format', 'csv', '--out', at('cor')], EXIT.OK],
    ['unknown option', ['correlate', '--stats', at('stats.csv'), '--result', at('results.jsonl')], EXIT.USAGE],
    ['bad input file', ['correlate', '--stats', at('short-row.csv'), '--results', at('results.jsonl'), '--out', at('cor2')], EXIT.USAGE],
    ['missing resource', ['correlate', '--stats', at('none.csv'), '--results', at('results.jsonl'), '--out', at('cor3')], EXIT.MISSING],
  ],
  study: [
    ['done', ['study', new URL('../../analyses/demo.json', import.meta.url).pathname, '--dry-run'], EXIT.OK],
    ['unknown option', ['study', 'x.json', '--dryrun'], EXIT.USAGE],
    ['bad input file', ['study', at('truncated.json')], EXIT.USAGE],
    ['missing resource', ['study', at('none.json')], EXIT.MISSING],
  ],
  pretrain: [
    ['done', ['pretrain', '--corpus', at('corpus.txt'), '--tokenizer', spm, '--out', at('model'), '--d-model', '16', '--layers', '1', '--heads', '2', '--ffn', '32', '--seq-len', '16', '--steps', '1', '--backend', 'wasm'], EXIT.OK],
    ['unknown option', ['pretrain', '--corpus', at('corpus.txt'), '--tokenizer', spm, '--out', at('m2'), '--dmodel', '16'], EXIT.USAGE],
    ['bad input file', ['pretrain', '--corpus', `text:${at('badcorpus')}`, '--tokenizer', spm, '--out', at('m3'), '--steps', '1'], EXIT.USAGE],
    ['missing resource', ['pretrain', '--corpus', at('corpus.txt'), '--tokenizer', `spm:${at('none.model')}`, '--out', at('m4')], EXIT.MISSING],
  ],
  tune: [
    ['done', ['tune', '--task', 'pos', '--methods', 'prompt', '--langs', 'en', '--model', at('model'), '--data', FIXTURE_DATA_DIR, '--steps', '1', '--max-train', '4', '--max-eval', '4', '--virtual-tokens', '2', '--results', at('t.jsonl'), '--backend', 'wasm'], EXIT.OK],
    ['unknown option', ['tune', '--task', 'pos', '--langs', 'en', '--model', at('model'), '--step', '1'], EXIT.USAGE],
    ['bad input file', ['tune', '--task', 'pos', '--langs', 'en', '--model', at('model'), '--data', FIXTURE_DATA_DIR, '--results', at('short-row.csv')], EXIT.USAGE],
    ['missing resource', ['tune', '--task', 'pos', '--langs', 'en', '--model', at('no-model'), '--results', at('t2.jsonl')], EXIT.MISSING],
  ],
};

for (const [command, rows] of Object.entries(cases)) {
  test(`exit codes of analyze ${command}: done 0, usage and bad input 2, missing resource 3`, () => {
    for (const [outcome, args, status, stdin] of rows) {
      const r = cli(args, stdin);
      assert.equal(r.status, status, `${command} ${outcome}: ${r.stderr}`);
      if (status !== EXIT.OK) {
        assert.match(r.stderr, /(^|\n)error: /, `${command} ${outcome}`);
        assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, `${command} ${outcome}`);
      }
    }
  });
}
