/**
 * The fairness summary at the top of a tokenization report: per tokenizer across the report's
 * languages, the Gini coefficient of premiums, the largest and smallest premium with their
 * languages, the share of languages above 2× English, and the median fertility (the same numbers
 * as `fairness.csv`; `fairnessSummary` computes both).
 */
import { fairnessSummary, PREMIUM_THRESHOLD } from '../stats/fairness.js';
import type { StatRow } from '../tables/tidy.js';
import { escapeHtml } from './escape.js';
import { formatMetric } from './metrics.js';
import { tableHtml } from './table.js';
import type { HtmlSection, LanguageMeta } from './types.js';
import { metaIndex, tokenizerLabels } from './wide.js';

export function fairnessSection(rows: readonly StatRow[], languages: readonly LanguageMeta[]): HtmlSection {
  const summary = fairnessSummary(rows);
  const meta = metaIndex(languages);
  const labels = tokenizerLabels(summary.map((s) => s.tokenizer));
  const named = (code: string | null): string => {
    if (code === null) return '';
    const name = meta.get(code)?.name;
    return name && name !== code ? `${name} (${code})` : code;
  };
  const premium = (v: number | null): string => formatMetric('premium', v);
  const table = tableHtml({
    kind: 'table',
    id: 'fairness',
    columns: [
      { key: 'tokenizer', label: 'Tokenizer' },
      { key: 'languages', label: 'Languages', numeric: true },
      { key: 'gini', label: 'Gini of premiums', numeric: true },
      { key: 'max', label: 'Largest premium' },
      { key: 'min', label: 'Smallest premium' },
      { key: 'above', label: `Share above ${PREMIUM_THRESHOLD}× English`, numeric: true },
      { key: 'fertility', label: 'Median fertility', numeric: true, unit: 'tokens/word' },
    ],
    rows: summary.map((s) => ({
      tokenizer: labels.get(s.tokenizer) ?? s.tokenizer,
      languages: s.languages,
      gini: s.premium_gini,
      // The extremes are printed with their languages: "3.412 (Burmese (mya))", sorted as text.
      max: s.premium_max === null ? null : `${premium(s.premium_max)} (${named(s.premium_max_language)})`,
      min: s.premium_min === null ? null : `${premium(s.premium_min)} (${named(s.premium_min_language)})`,
      above: s.premium_above_2x_share,
      fertility: s.fertility_median,
    })),
    format: (key, value) => {
      const v = typeof value === 'number' ? value : null;
      if (key === 'gini') return v === null ? 'missing' : v.toFixed(3);
      if (key === 'above') return v === null ? 'missing' : `${(v * 100).toFixed(1)}%`;
      if (key === 'fertility') return formatMetric('fertility', v);
      if ((key === 'max' || key === 'min') && value === null) return 'missing';
      return value === null ? '' : String(value);
    },
  });
  const note = `<p class="note">Across the ${summary[0]?.languages ?? 0} languages of this report. Premium: tokens(L) / tokens(English) on the same parallel text (Petrov et al. 2023); Gini 0 means every language pays the same, (n − 1)/n that one language pays everything. Languages above ${PREMIUM_THRESHOLD}× English: premium &gt; ${PREMIUM_THRESHOLD}. Also in <code>fairness.csv</code>.</p>`;
  return { kind: 'html', title: 'Fairness across languages', html: `${table}${note}` };
}
