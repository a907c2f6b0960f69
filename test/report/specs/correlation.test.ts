import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileChecked } from '../../helpers/vega-lite.js';
import { analyzeCorrelation } from '../../../src/correlation/analyze.js';
import { gapSpec, scatterSpec, scoresSpec } from '../../../src/report/specs/correlation.js';
import { resultRows, statRows } from '../../correlation/helpers.js';
import { ANSCOMBE_X, ANSCOMBE_Y1 } from '../../correlation/stats/reference.js';

// Anscombe I as 11 "languages": the fitted line must be the published y = 3.00 + 0.500 x.
const LANGS = ['en', 'de', 'es', 'fr', 'ja', 'ko', 'zh', 'ru', 'ar', 'hi', 'sw'];

test('scatter: one panel per task, every language labelled, the published Anscombe line and a band around it', () => {
  const results = resultRows('xnli', LANGS, ANSCOMBE_Y1, LANGS.map(() => 0));
  const a = analyzeCorrelation(statRows('fertility', LANGS, ANSCOMBE_X), results, { bootstrap: 100, targets: ['gap'] });
  const spec = scatterSpec(a.joined, a.correlations, 'fertility') as unknown as { concat: { title: { subtitle: string[] }; layer: { data: { values: any[] }; mark: { type: string } }[] }[] };
  assert.equal(spec.concat.length, 1);
  const [area, line, points, labels] = spec.concat[0]!.layer;
  assert.equal(points!.data.values.length, 11);
  assert.deepEqual(labels!.data.values.map((v) => v.language).sort(), [...LANGS].sort());
  assert.match(spec.concat[0]!.title.subtitle.join(' '), /r = 0\.82 \[/);
  for (const p of line!.data.values) {
    assert.ok(Math.abs(p.fit - (3.0000909090909103 + 0.5000909090909091 * p.x)) < 1e-9);
    assert.ok(p.low < p.fit && p.fit < p.high);
  }
  assert.equal(area!.mark.type, 'area');
  // the band is narrowest at the mean of x (9)
  const widths = line!.data.values.map((p) => [Math.abs(p.x - 9), p.high - p.low] as const).sort((x, y) => x[0] - y[0]);
  assert.ok(widths[0]![1] < widths[widths.length - 1]![1]);
  for (const [name, s] of [['scatter', spec], ['gap', gapSpec(a.summary)], ['scores', scoresSpec(a.summary)]] as const) compileChecked(s as never, name);
});

test('score and gap charts order languages by XGLM pretraining size, largest first', () => {
  const langs = ['hi', 'en', 'sw', 'de'];
  const results = resultRows('xnli', langs, [0.4, 0.5, 0.3, 0.45], [0.6, 0.7, 0.5, 0.65]);
  const a = analyzeCorrelation(statRows('fertility', langs, [2, 1, 3, 1.5]), results, { bootstrap: 20, targets: ['gap'] });
  for (const spec of [gapSpec(a.summary), scoresSpec(a.summary)] as unknown as { spec: { layer: { encoding: { x: { sort: string[] } } }[] } }[]) {
    // xglm.md: en 803.53 > de 89.22 > hi 3.45 > sw 0.91 (billions of tokens)
    for (const layer of spec.spec.layer) assert.deepEqual(layer.encoding.x.sort, ['en', 'de', 'hi', 'sw']);
  }
});
