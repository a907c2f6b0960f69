/** Builders of small in-memory result and statistics tables for the correlation tests. */
import type { ImportedResult } from '../../src/correlation/results-input.js';
import type { StatInput } from '../../src/correlation/stats-input.js';

export function resultRows(task: string, languages: readonly string[], prompt: readonly number[], finetune: readonly number[], seed = 1): ImportedResult[] {
  return languages.flatMap((language, i) => [
    { task, language, method: 'prompt' as const, score: prompt[i]!, seed, setting: 'in-language', line: 2 * i + 1 },
    { task, language, method: 'finetune' as const, score: finetune[i]!, seed, setting: 'in-language', line: 2 * i + 2 },
  ]);
}

export function statRows(metric: string, languages: readonly string[], values: readonly (number | null)[], tokenizer = 'xglm'): StatInput[] {
  return languages.map((language, i) => ({ tokenizer, corpus: 'flores', language, metric, value: values[i]!, line: i + 1 }));
}
