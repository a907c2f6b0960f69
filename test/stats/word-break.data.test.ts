import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { simpleWordSpans } from '../../src/stats/word-break.js';
import { icuWords, segmenterWords } from '../../src/stats/words.js';
import { floresLocale } from '../../src/corpora/flores.js';
import { dataPath } from '../helpers/shared.js';

test('word-break fast path: every accepted character, in context, splits as Intl.Segmenter does', () => {
  const probes = ['a', 'Z', '1', ' ', '  ', '.', ',', ':', ';', "'", '’', '-', 'ب', 'क', 'ক', 'ж', 'ά', '\u0301', '\u093e', '\u064e'];
  let accepted = 0;
  const wrong: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (simpleWordSpans(ch) === null) continue;
    accepted++;
    for (const p of probes) {
      for (const q of probes) {
        for (const t of [p + ch + q, p + ch + ch + q, ch + p + q, p + q + ch]) {
          const fast = simpleWordSpans(t);
          if (fast !== null && JSON.stringify(fast) !== JSON.stringify(icuWords(t, 'und'))) wrong.push(JSON.stringify(t));
        }
      }
    }
  }
  assert.ok(accepted > 2000, `only ${accepted} characters accepted`);
  assert.deepEqual(wrong.slice(0, 10), []);
});

test('word-break fast path: hand-checked UAX #29 cases', () => {
  const words = (t: string) => simpleWordSpans(t)!.map((s) => t.slice(s.start, s.end));
  assert.deepEqual(words("l'homme e.g. 1,000.5 a;b 1;2 a.1 x\u0301y"), ["l'homme", 'e.g', '1,000.5', 'a', 'b', '1;2', 'a', '1', 'x\u0301y']);
  assert.deepEqual(words('  \u0301a'), ['a']);
  assert.equal(simpleWordSpans('日本'), null);
  assert.equal(simpleWordSpans('a_b'), null);
  assert.equal(simpleWordSpans('a\nb'), null);
});

test('word-break fast path: every FLORES-200 dev sentence it accepts splits as Intl.Segmenter does', () => {
  const dir = dataPath('flores200', 'dev');
  let accepted = 0;
  let total = 0;
  const wrong: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.dev'))) {
    const code = file.replace(/\.dev$/, '');
    const locale = floresLocale(code);
    for (const line of readFileSync(`${dir}/${file}`, 'utf8').split('\n')) {
      if (line === '') continue;
      total++;
      const fast = simpleWordSpans(line);
      if (fast === null) continue;
      accepted++;
      if (JSON.stringify(fast) !== JSON.stringify(icuWords(line, locale))) wrong.push(`${code}: ${line.slice(0, 80)}`);
      assert.deepEqual(segmenterWords(line, locale), fast);
    }
  }
  assert.deepEqual(wrong.slice(0, 5), []);
  // Most of FLORES takes the fast path (at the time of writing 166,000 of 203,000 sentences).
  assert.ok(accepted > total / 2, `${accepted} of ${total}`);
});
