/**
 * Which statistics are correlated when no `--metrics` are given: every metric in the statistics
 * except the raw counts. Tokens, words, characters and bytes grow with the length of each
 * language's text (corpora differ in size, and so do UDHR translations), so their correlation
 * with a tuning gap says nothing about the tokenizer; the ratios built from them (fertility,
 * premium, bytes per token …) are what carry the signal. Ask for a count by name to include it.
 */
export const RAW_COUNT_METRICS: readonly string[] = ['tokens', 'words', 'chars', 'bytes'];

/** The default metric set of `stats`, in first-seen order, and the raw counts it leaves out. */
export function defaultCorrelationMetrics(stats: readonly { metric: string }[]): { metrics: string[]; leftOut: string[] } {
  const present = [...new Set(stats.map((s) => s.metric))];
  const raw = new Set(RAW_COUNT_METRICS);
  return { metrics: present.filter((m) => !raw.has(m)), leftOut: present.filter((m) => raw.has(m)) };
}
