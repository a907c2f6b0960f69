// FLORES-200 dev and devtest of the 30 XGLM languages: our ids must equal what `spm_encode` (the C++
// reference, run here on the same files) prints, line for line, for both golden models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { dataPath, goldenPath } from '../../helpers/shared.js';
import { SentencePieceModel } from '../../../src/tokenizers/sentencepiece/index.js';
import { spmSkip } from '../../helpers/tools.js';

const XGLM_FLORES = ('eng_Latn rus_Cyrl zho_Hans deu_Latn spa_Latn fra_Latn jpn_Jpan ita_Latn por_Latn ell_Grek ' +
  'kor_Hang fin_Latn ind_Latn tur_Latn arb_Arab vie_Latn tha_Thai bul_Cyrl cat_Latn hin_Deva est_Latn ben_Beng ' +
  'tam_Taml urd_Arab swh_Latn tel_Telu eus_Latn mya_Mymr hat_Latn quy_Latn').split(' ');


for (const file of ['udhr-unigram-8k.model', 'udhr-bpe-8k-bytefallback.model']) {
  test(`${file}: equals spm_encode on FLORES-200 dev+devtest of the 30 XGLM languages`, { skip: spmSkip() }, () => {
    const modelPath = goldenPath(file);
    const model = SentencePieceModel.fromFile(modelPath);
    let lines = 0;
    for (const split of ['dev', 'devtest']) for (const code of XGLM_FLORES) {
      const path = dataPath('flores200', split, `${code}.${split}`);
      const ref = spawnSync('spm_encode', [`--model=${modelPath}`, '--output_format=id', path], { maxBuffer: 1 << 28 });
      assert.equal(ref.status, 0, String(ref.stderr));
      const want = ref.stdout.toString('utf8').split('\n');
      const text = readFileSync(path, 'utf8').split('\n');
      if (text[text.length - 1] === '') text.pop();
      for (let i = 0; i < text.length; i++) {
        const got = Array.from(model.encodeIds(text[i]!)).join(' ');
        if (got !== want[i]) assert.equal(got, want[i], `${code}.${split} line ${i + 1}`);
        lines++;
      }
    }
    assert.ok(lines > 59000, `only ${lines} lines`);
  });
}

for (const file of ['udhr-unigram-8k.model', 'udhr-bpe-8k-bytefallback.model']) {
  test(`${file}: decode equals spm_decode on every 10th FLORES dev line`, { skip: spmSkip() }, () => {
    const modelPath = goldenPath(file);
    const model = SentencePieceModel.fromFile(modelPath);
    const text = XGLM_FLORES.flatMap((code) => readFileSync(dataPath('flores200', 'dev', `${code}.dev`), 'utf8').split('\n').filter((l, i) => l.length > 0 && i % 10 === 0));
    text.push('  lead  spaces ', '😀😁 x', 'ｱ①ﬁ');
    const ids = text.map((l) => Array.from(model.encodeIds(l)));
    const dir = mkdtempSync(join(tmpdir(), 'spm-dec-'));
    writeFileSync(join(dir, 'ids.txt'), ids.map((x) => x.join(' ')).join('\n') + '\n');
    const ref = spawnSync('spm_decode', [`--model=${modelPath}`, '--input_format=id', join(dir, 'ids.txt')], { maxBuffer: 1 << 28 });
    assert.equal(ref.status, 0, String(ref.stderr));
    const want = ref.stdout.toString('utf8').split('\n');
    ids.forEach((x, i) => assert.equal(model.decode(x), want[i], `line ${i + 1}`));
  });
}
