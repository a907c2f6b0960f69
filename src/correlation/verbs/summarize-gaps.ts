/**
 * Gap rows → per (task, setting, model, language): means over the paired seeds and their sample
 * standard deviations (n − 1; 0 for one seed, which `seeds` tells apart), with XGLM's pretraining
 * size and tier attached when a language index is given. The one PT − FT gap: the correlation
 * tables and the tuning report both read it.
 */
import type { LanguageIndex } from '../languages.js';
import { meanSd } from '../stats/mean-sd.js';
import type { GapRow, GapSummaryRow } from '../types.js';
import { groupBy } from '../../util/group-by.js';

export function summarizeGaps(rows: readonly GapRow[], index?: LanguageIndex): GapSummaryRow[] {
  const groups = groupBy(rows, (r) => [r.task, r.setting, r.model ?? '', r.language].join('\u0000'));
  const out: GapSummaryRow[] = [];
  for (const list of groups.values()) {
    const first = list[0] as GapRow;
    const [prompt, prompt_sd] = meanSd(list.map((r) => r.prompt));
    const [finetune, finetune_sd] = meanSd(list.map((r) => r.finetune));
    const [gap, gap_sd] = meanSd(list.map((r) => r.gap));
    const info = index?.info(first.language);
    out.push({
      task: first.task, setting: first.setting, language: first.language, ...(first.model !== undefined ? { model: first.model } : {}), seeds: list.length,
      prompt, prompt_sd, finetune, finetune_sd, gap, gap_sd,
      tokens_b: info?.tokensB ?? null, tier: info?.tier ?? null,
    });
  }
  return out.sort((a, b) => a.task.localeCompare(b.task) || a.setting.localeCompare(b.setting) || (a.model ?? '').localeCompare(b.model ?? '') || (b.tokens_b ?? 0) - (a.tokens_b ?? 0));
}
