/** The tokenization report's vocabulary-overlap charts: one clustered JSD heatmap per tokenizer. */
import type { ChartSection, TokenizationReportInput } from './types.js';
import { overlapHeatmapSpec } from './specs/overlap-heatmap.js';
import { tokenizerLabels } from './wide.js';

export function overlapSections(input: TokenizationReportInput): ChartSection[] {
  const rows = input.overlap ?? [];
  const tokenizers = [...new Set(rows.map((r) => r.tokenizer))];
  const labels = tokenizerLabels(tokenizers);
  return tokenizers.map((tokenizer, i) => {
    const label = labels.get(tokenizer) ?? tokenizer;
    const { spec, level } = overlapHeatmapSpec(rows, input.languages, { tokenizer, label });
    return {
      kind: 'chart',
      id: `overlap-${i + 1}`,
      title: `Vocabulary overlap between ${level}: ${label}`,
      spec,
      caption: 'Each language\'s owned share of the vocabulary (the ids it uses most, by relative frequency) is in the table below and in allocation.csv.',
    };
  });
}
