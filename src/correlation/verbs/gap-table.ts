/**
 * Clean cells → one row per (task, setting, model, language, seed) with PT, FT and gap = PT − FT.
 * A seed with only one of the two methods cannot give a gap: it is reported and left out, so every
 * gap pairs the two methods on the same seed.
 */
import type { Exclusion, GapRow, ResultCell } from '../types.js';

export function gapTable(cells: readonly ResultCell[]): { rows: GapRow[]; exclusions: Exclusion[] } {
  const groups = new Map<string, { base: Omit<GapRow, 'prompt' | 'finetune' | 'gap'>; prompt?: number; finetune?: number }>();
  for (const c of cells) {
    const key = [c.task, c.setting, c.model ?? '', c.language, c.seed].join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = { base: { task: c.task, setting: c.setting, language: c.language, seed: c.seed, ...(c.model !== undefined ? { model: c.model } : {}) } };
      groups.set(key, g);
    }
    g[c.method] = c.score;
  }
  const rows: GapRow[] = [];
  const exclusions: Exclusion[] = [];
  for (const { base, prompt, finetune } of groups.values()) {
    if (prompt === undefined || finetune === undefined) {
      const missing = prompt === undefined ? 'prompt' : 'finetune';
      exclusions.push({
        reason: 'missing_pair',
        message: `${base.task}/${base.language}/${base.setting}/seed ${base.seed}${base.model !== undefined ? ` of ${base.model}` : ''} has no ${missing} result: no gap`,
        task: base.task, language: base.language,
      });
      continue;
    }
    rows.push({ ...base, prompt, finetune, gap: prompt - finetune });
  }
  return { rows, exclusions };
}
