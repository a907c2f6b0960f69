/** Ranks 1..n with ties given their average rank (the convention of Spearman's ρ). */
export function rank(values: readonly number[]): number[] {
  const n = values.length;
  // Few values (languages): counting is O(n²) but allocation- and callback-free, faster than a sort.
  if (n <= 64) {
    const ranks = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      let less = 0;
      let equal = 0;
      for (let j = 0; j < n; j++) {
        const w = values[j] as number;
        if (w < v) less++;
        else if (w === v) equal++;
      }
      ranks[i] = less + (equal + 1) / 2;
    }
    return ranks;
  }
  // Sort indices rather than [value, index] pairs: no per-element allocation (hot in the bootstrap).
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(n);
  let i = 0;
  while (i < n) {
    const v = values[order[i] as number] as number;
    let j = i;
    while (j + 1 < n && values[order[j + 1] as number] === v) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = avg;
    i = j + 1;
  }
  return ranks;
}
