/**
 * Encode speed of the tokenizer.json pipeline (Unigram + Precompiled charsmap, the golden
 * xglm-format file) and of the SentencePiece engine on the same model, as ratios to `spm_encode`
 * in the same run (best of N rounds; spm_encode's start-up subtracted with an empty input).
 *
 *   node --import tsx bench/hf-json-encode.ts [ROUNDS]
 *
 * Text: FLORES-200 dev of 12 languages of different scripts. Needs the shared data
 * ($TOKGAP_SHARED, else ../shared) and spm_encode.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadHfJson } from '../src/tokenizers/hf-json/load.js';
import { SentencePieceModel } from '../src/tokenizers/sentencepiece/index.js';
const S = resolve(process.env.TOKGAP_SHARED ?? new URL('../../shared', import.meta.url).pathname);
const tmp = join(tmpdir(), 'tokgap-hf-json-bench');
mkdirSync(tmp, { recursive: true });
const codes = 'eng_Latn rus_Cyrl zho_Hans jpn_Jpan hin_Deva ben_Beng tam_Taml arb_Arab tha_Thai mya_Mymr kor_Hang ell_Grek'.split(' ');
const lines = codes.flatMap((c) => readFileSync(`${S}/data/flores200/dev/${c}.dev`, 'utf8').split('\n').filter(Boolean));
writeFileSync(join(tmp, 'in.txt'), lines.join('\n') + '\n'); writeFileSync(join(tmp, 'empty.txt'), '');
const model = `${S}/fixtures/golden/udhr-unigram-8k.model`;
const hf = loadHfJson(`${S}/fixtures/golden/xglm-format-udhr-unigram-8k/tokenizer.json`);
const sp = SentencePieceModel.fromFile(model);
const spm = (f: string) => { const t = process.hrtime.bigint(); spawnSync('spm_encode', [`--model=${model}`, '--output_format=id', f], { maxBuffer: 1 << 28 }); return Number(process.hrtime.bigint() - t) / 1e9; };
for (let i = 0; i < 2000; i++) { hf.encode(lines[i % lines.length]!); sp.encode(lines[i % lines.length]!); }
const best = { hf: Infinity, sp: Infinity, spm: Infinity };
for (let r = 0; r < Number(process.argv[2] ?? 5); r++) {
  let t = process.hrtime.bigint(); for (const l of lines) hf.encode(l); best.hf = Math.min(best.hf, Number(process.hrtime.bigint() - t) / 1e9);
  t = process.hrtime.bigint(); for (const l of lines) sp.encode(l); best.sp = Math.min(best.sp, Number(process.hrtime.bigint() - t) / 1e9);
  best.spm = Math.min(best.spm, Math.max(1e-6, spm(join(tmp, 'in.txt')) - spm(join(tmp, 'empty.txt'))));
}
console.log(`lines ${lines.length} hf-json ${best.hf.toFixed(3)} s (${(best.spm / best.hf).toFixed(2)}x spm_encode)  spm-model encode ${best.sp.toFixed(3)} s (${(best.spm / best.sp).toFixed(2)}x)  spm_encode ${best.spm.toFixed(3)} s`);
