/**
 * A second implementation: the resample indices and per-unit values are dumped, numpy recomputes
 * every metric on every resample from them and takes `np.percentile(…, [2.5, 97.5])`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCorpus } from '../../../src/corpora/spec.js';
import { loadTokenizer } from '../../../src/tokenizers/load.js';
import { countLanguage } from '../../../src/stats/index.js';
import { unitStatsToJSON } from '../../../src/stats/unit-stats.js';
import { bootstrapLanguage, languageResamples } from '../../../src/stats/bootstrap/index.js';
import { METRIC_NAMES } from '../../../src/tables/tidy.js';
import { goldenPath } from '../../helpers/shared.js';
import { requireNumpy, runNumpy } from '../../helpers/numpy.js';

const PYTHON = String.raw`
import json, sys
import numpy as np
d = json.load(sys.stdin)
u, e = d["units"], d["english"]
n, B, V, alpha = len(u["ids"]), d["resamples"], d["vocabSize"], d["alpha"]
idx = np.array(d["indices"], dtype=np.int64).reshape(B, n)
s = {k: np.array(v, dtype=np.float64) for k, v in u["sums"].items()}
eng = dict(zip(e["ids"], e["sums"]["tokens"]))
present = np.array([i in eng for i in u["ids"]], dtype=np.float64)
eng_tok = np.array([eng.get(i, 0) for i in u["ids"]], dtype=np.float64)
K = len(u["vocab"])
M = np.zeros((n, K))
start = u["idStart"]
for j in range(n):
    for k in range(start[j], start[j + 1]):
        M[j, u["idLocal"][k]] += u["idCount"][k]
S = {k: v[idx].sum(axis=1) for k, v in s.items()}
rep = {
    "tokens": S["tokens"], "words": S["words"], "chars": S["chars"], "bytes": S["bytes"],
    "fertility": S["wordTokens"] / S["words"], "continued_words": S["continuedWords"] / S["words"],
    "single_token_words": S["singleTokenWords"] / S["words"], "unk_rate": S["unknown"] / S["tokens"],
    "byte_fallback_rate": S["byteFallback"] / S["tokens"], "chars_per_token": S["chars"] / S["tokens"],
    "bytes_per_token": S["bytes"] / S["tokens"],
    "premium": (s["tokens"] * present)[idx].sum(axis=1) / eng_tok[idx].sum(axis=1),
}
vu, ar, sh, re = [], [], [], []
for b in range(B):
    c = M[idx[b]].sum(axis=0)
    c = c[c > 0]
    p = np.sort(c / c.sum())[::-1]
    vu.append(len(c) / V)
    ar.append((np.arange(len(p)) * p).sum())
    sh.append(-(p * np.log2(p)).sum() / np.log2(V))
    re.append(np.log2((p ** alpha).sum()) / (1 - alpha) / np.log2(V))
rep.update({"vocab_use": np.array(vu), "avg_rank": np.array(ar), "shannon_efficiency": np.array(sh), "renyi_efficiency": np.array(re)})
print(json.dumps({k: list(np.percentile(v, [2.5, 97.5])) for k, v in rep.items()}))
`;

test('intervals agree with numpy\'s percentiles on the same dumped resamples (UDHR, SentencePiece 8k)', async (t) => {
  if (!requireNumpy(t)) return;
  const tokenizer = await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`);
  const corpus = openCorpus('udhr');
  const english = countLanguage(tokenizer, corpus, 'eng', { units: true }).units!;
  for (const language of ['deu_1996', 'jpn']) {
    const units = countLanguage(tokenizer, corpus, language, { units: true }).units!;
    const options = { resamples: 300, seed: 11 };
    const indices = languageResamples(units, language, options);
    const ctx = { vocabSize: tokenizer.vocabSize, alpha: 2.5, english };
    const ours = bootstrapLanguage(units, language, ctx, options, indices).intervals;
    const dump = { units: unitStatsToJSON(units), english: unitStatsToJSON(english), indices: Array.from(indices), resamples: options.resamples, vocabSize: ctx.vocabSize, alpha: ctx.alpha };
    const theirs = JSON.parse(runNumpy(PYTHON, JSON.stringify(dump))) as Record<string, [number, number]>;
    // Overlap metrics (owned_share, jsd_*) span languages: the per-language resamples leave them out.
    const metrics = METRIC_NAMES.filter((m) => theirs[m] !== undefined);
    assert.ok(metrics.length >= 16, `numpy recomputed ${metrics.length} metrics`);
    for (const metric of metrics) {
      const [lo, hi] = ours[metric]!;
      const [plo, phi] = theirs[metric]!;
      for (const [a, b, end] of [[lo, plo, 'low'], [hi, phi, 'high']] as const) {
        assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${language} ${metric} ${end}: ${a} vs numpy ${b}`);
      }
      assert.ok(lo <= hi, `${language} ${metric}: low ≤ high`);
    }
  }
});
