/** Near-match suggestions ("did you mean …?") for names people type: options, study keys, languages. */

/** Levenshtein distance, for near-match suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The nearest of `known` to `name`, when it is close enough to be a typo (at most 2 edits, or a third of the name). */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  const best = [...known].sort((a, b) => editDistance(name, a) - editDistance(name, b))[0];
  return best !== undefined && editDistance(name, best) <= Math.max(2, name.length / 3) ? best : undefined;
}
