// Options the golden models do not use, checked against the C++ reference: small models are
// trained here with spm_train and every line must give spm_encode's ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDataPath } from '../../helpers/shared.js';
import { SentencePieceModel } from '../../../src/tokenizers/sentencepiece/index.js';
import { spmSkip } from '../../helpers/tools.js';


const CONFIGS: Record<string, string[]> = {
  // Unigram: dummy ▁ at the end, user-defined pieces, byte fallback for uncovered characters.
  'unigram-suffix-udef-bytes': ['--model_type=unigram', '--treat_whitespace_as_suffix=true', '--user_defined_symbols=<x>,the,。', '--byte_fallback=true', '--character_coverage=0.98'],
  // BPE without byte fallback: runs of unknown characters, user-defined pieces.
  'bpe-unk-udef': ['--model_type=bpe', '--user_defined_symbols=<x>,the,ing', '--character_coverage=0.98'],
  // Whitespace kept as is, no dummy prefix, identity normalisation (no charsmap).
  'unigram-raw-ws': ['--model_type=unigram', '--remove_extra_whitespaces=false', '--add_dummy_prefix=false', '--normalization_rule_name=identity', '--character_coverage=0.98'],
};

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'ignore' });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

test('models trained with other options equal spm_encode', { skip: spmSkip() }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spm-opts-'));
  const read = (split: string, code: string, n: number): string[] =>
    readFileSync(fixtureDataPath('flores200', split, `${code}.${split}`), 'utf8').split('\n').filter((l) => l.length > 0).slice(0, n);
  const train = ['eng_Latn', 'jpn_Jpan', 'hin_Deva', 'rus_Cyrl'].flatMap((c) => read('dev', c, 200));
  writeFileSync(join(dir, 'train.txt'), train.join('\n') + '\n');
  const lines = ['eng_Latn', 'jpn_Jpan', 'hin_Deva', 'kor_Hang', 'mya_Mymr'].flatMap((c) => read('devtest', c, 60));
  lines.push('  leading and  double  spaces <x> the thing  ', 'tab\there', 'x', 'ｱ①ﬁ\u3000full width', '糖尿病');
  writeFileSync(join(dir, 'in.txt'), lines.join('\n') + '\n');

  await Promise.all(Object.entries(CONFIGS).map(([name, args]) =>
    run('spm_train', [`--input=${join(dir, 'train.txt')}`, `--model_prefix=${join(dir, name)}`, '--vocab_size=1500', '--minloglevel=2', ...args])));

  for (const name of Object.keys(CONFIGS)) {
    const modelPath = join(dir, `${name}.model`);
    const ref = spawnSync('spm_encode', [`--model=${modelPath}`, '--output_format=id', join(dir, 'in.txt')], { maxBuffer: 1 << 26 });
    assert.equal(ref.status, 0);
    const want = ref.stdout.toString('utf8').split('\n');
    const model = SentencePieceModel.fromFile(modelPath);
    lines.forEach((line, i) => {
      assert.equal(Array.from(model.encode(line).ids).join(' '), want[i], `${name}: line ${i + 1} ${JSON.stringify(line.slice(0, 40))}`);
    });
  }
});
