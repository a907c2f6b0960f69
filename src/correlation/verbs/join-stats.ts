/**
 * Statistics ⋈ gap summary on the normalised language key. Every language present on one side
 * only is reported (per task), and a task with no statistics at all is reported, never dropped
 * silently. Two statistics rows that normalise to the same key are an error.
 */
import { ResultsInputError } from '../errors.js';
import type { LanguageIndex } from '../languages.js';
import type { StatInput } from '../stats-input.js';
import type { Exclusion, GapSummaryRow, JoinedRow } from '../types.js';
import { groupBy } from '../../util/group-by.js';

export interface JoinOptions {
  /** Keep only these metrics (default: all in the statistics). */
  metrics?: readonly string[];
  file?: string;
}

export function joinStats(
  gaps: readonly GapSummaryRow[],
  stats: readonly StatInput[],
  index: LanguageIndex,
  options: JoinOptions = {},
): { rows: JoinedRow[]; exclusions: Exclusion[] } {
  const exclusions: Exclusion[] = [];
  const wanted = options.metrics ? new Set(options.metrics) : undefined;
  // (tokenizer, corpus, metric) → language → value
  const series = new Map<string, { tokenizer: string; corpus: string; metric: string; values: Map<string, number | null> }>();
  const statLanguages = new Set<string>();
  const reportedUnknown = new Set<string>();
  for (const s of stats) {
    if (wanted && !wanted.has(s.metric)) continue;
    const language = index.normalize(s.language);
    if (language === undefined) {
      if (!reportedUnknown.has(s.language)) {
        reportedUnknown.add(s.language);
        exclusions.push({ reason: 'unknown_language', message: `statistics language "${s.language}" is not in the language table: left out`, language: s.language, file: s.file ?? options.file, line: s.line });
      }
      continue;
    }
    statLanguages.add(language);
    const key = `${s.tokenizer}\u0000${s.corpus}\u0000${s.metric}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { tokenizer: s.tokenizer, corpus: s.corpus, metric: s.metric, values: new Map() };
      series.set(key, entry);
    }
    if (entry.values.has(language)) {
      throw new ResultsInputError(`two statistics rows for ${s.tokenizer} / ${s.corpus} / ${s.metric} / ${language} (codes normalise to the same language)`, {
        file: s.file ?? options.file, line: s.line, field: 'language', expected: 'one row per tokenizer, corpus, metric and language',
      });
    }
    entry.values.set(language, s.value);
  }
  if (wanted) {
    const present = new Set([...series.values()].map((s) => s.metric));
    for (const m of wanted) {
      if (!present.has(m)) exclusions.push({ reason: 'null_value', message: `metric "${m}" is not in the statistics`, metric: m });
    }
  }

  const rows: JoinedRow[] = [];
  const tasks = groupBy(gaps, (g) => `${g.task}\u0000${g.setting}`);
  for (const list of tasks.values()) {
    const task = (list[0] as GapSummaryRow).task;
    const resultLanguages = new Set(list.map((g) => g.language));
    const matched = [...resultLanguages].filter((l) => statLanguages.has(l));
    if (matched.length === 0) {
      exclusions.push({ reason: 'task_missing_from_stats', message: `task ${task}: none of its languages (${[...resultLanguages].join(', ')}) has statistics`, task });
      continue;
    }
    for (const l of resultLanguages) {
      if (!statLanguages.has(l)) exclusions.push({ reason: 'only_in_results', message: `task ${task}: language ${l} has results but no statistics`, task, language: l });
    }
    for (const l of statLanguages) {
      if (!resultLanguages.has(l)) exclusions.push({ reason: 'only_in_stats', message: `task ${task}: language ${l} has statistics but no results`, task, language: l });
    }
    for (const s of series.values()) {
      for (const g of list) {
        if (!s.values.has(g.language)) continue;
        const value = s.values.get(g.language);
        if (value === null || value === undefined) {
          exclusions.push({ reason: 'null_value', message: `${s.metric} is undefined for ${g.language} (${s.tokenizer}): left out of ${task}`, task, language: g.language, metric: s.metric });
          continue;
        }
        rows.push({ ...g, tokenizer: s.tokenizer, corpus: s.corpus, metric: s.metric, value });
      }
    }
  }
  return { rows, exclusions };
}
