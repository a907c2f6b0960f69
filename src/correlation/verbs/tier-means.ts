/** Gap summary → mean gap (and PT, FT) per resource tier, task and model; unknown tiers group as "unknown". */
import { meanSd } from '../stats/mean-sd.js';
import type { GapSummaryRow, TierMeanRow } from '../types.js';
import { groupBy } from '../../util/group-by.js';

export function tierMeans(rows: readonly GapSummaryRow[]): TierMeanRow[] {
  const groups = groupBy(rows, (r) => [r.task, r.setting, r.model ?? '', r.tier ?? 'unknown'].join('\u0000'));
  const out: TierMeanRow[] = [];
  for (const list of groups.values()) {
    const g = list[0] as GapSummaryRow;
    const [gapMean, gapSd] = meanSd(list.map((r) => r.gap));
    out.push({
      task: g.task, setting: g.setting, ...(g.model !== undefined ? { model: g.model } : {}), tier: g.tier ?? 'unknown', languages: list.length,
      gap_mean: gapMean, gap_sd: gapSd, prompt_mean: meanSd(list.map((r) => r.prompt))[0], finetune_mean: meanSd(list.map((r) => r.finetune))[0],
    });
  }
  return out.sort((a, b) => a.task.localeCompare(b.task) || a.setting.localeCompare(b.setting) || (a.model ?? '').localeCompare(b.model ?? '') || a.tier.localeCompare(b.tier));
}
