/** Gap summary → mean gap (and PT, FT) per resource tier and task; unknown tiers group as "unknown". */
import type { GapSummaryRow, TierMeanRow } from '../types.js';
import { groupBy } from './group-by.js';

export function tierMeans(rows: readonly GapSummaryRow[]): TierMeanRow[] {
  const groups = groupBy(rows, (r) => [r.task, r.setting, r.tier ?? 'unknown'].join('\u0000'));
  const out: TierMeanRow[] = [];
  for (const list of groups.values()) {
    const g = list[0] as GapSummaryRow;
    const n = list.length;
    const mean = (f: (r: GapSummaryRow) => number): number => list.reduce((s, r) => s + f(r), 0) / n;
    const gapMean = mean((r) => r.gap);
    const gapSd = n < 2 ? 0 : Math.sqrt(list.reduce((s, r) => s + (r.gap - gapMean) ** 2, 0) / (n - 1));
    out.push({
      task: g.task, setting: g.setting, tier: g.tier ?? 'unknown', languages: n,
      gap_mean: gapMean, gap_sd: gapSd, prompt_mean: mean((r) => r.prompt), finetune_mean: mean((r) => r.finetune),
    });
  }
  return out.sort((a, b) => a.task.localeCompare(b.task) || a.setting.localeCompare(b.setting) || a.tier.localeCompare(b.tier));
}
