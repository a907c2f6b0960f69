/** Short tokenizer names for chart titles and headers (used by the correlation and report stages). */

/** File names that say nothing on their own; the folder above names the tokenizer instead. */
const GENERIC_FILES = new Set(['tokenizer', 'tokenizer.json', 'tokenizer.model', 'sentencepiece.bpe.model', 'spiece.model', 'model']);

/**
 * Short display names for tokenizer specs in chart headers (`spm:/a/b/udhr-unigram-8k.model` →
 * `udhr-unigram-8k`); the full spec stays in tooltips and the provenance header. Falls back to the
 * full spec where two short names would clash.
 */
export function tokenizerLabels(specs: readonly string[]): Map<string, string> {
  const short = (spec: string): string => {
    const rest = spec.replace(/^[a-z][\w-]*:/i, '');
    const parts = rest.split(/[\\/]/).filter(Boolean);
    if (parts.length < 2) return spec;
    let name = parts[parts.length - 1]!;
    if (GENERIC_FILES.has(name.toLowerCase()) && parts.length >= 2) name = parts[parts.length - 2]!;
    return name.replace(/\.(model|json|tiktoken|vocab)$/i, '');
  };
  const labels = new Map(specs.map((s) => [s, short(s)]));
  const counts = new Map<string, number>();
  for (const l of labels.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [spec, label] of labels) if ((counts.get(label) ?? 0) > 1) labels.set(spec, spec);
  return labels;
}
