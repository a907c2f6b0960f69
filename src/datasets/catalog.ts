import type { Split } from './types.js';

/** The task data tokgap reads; each task (src/tasks) reads the dataset of its own name, so this is also the task list (`TASK_NAMES`). */
export const DATASET_TASKS = ['xnli', 'pawsx', 'pos', 'ner'] as const;
export type DatasetTask = (typeof DATASET_TASKS)[number];

export type FileFormat = 'pair-tsv' | 'tagged-tsv' | 'conllu';

/** One place a split may live, relative to a data root (layout in docs/tuning.md, "Data"). */
export interface FileCandidate {
  relPath: string;
  format: FileFormat;
}

/**
 * Where each (task, language, split) may be found, best first. POS prefers the parallel UD PUD test
 * set, then XTREME udpos, then other official UD treebanks (Thai TUD, Catalan AnCora, Bengali BRU).
 */
export function fileCandidates(task: DatasetTask, lang: string, split: Split): FileCandidate[] {
  switch (task) {
    case 'xnli':
      return [{ relPath: `xnli/${lang}/${split}.tsv`, format: 'pair-tsv' }];
    case 'pawsx':
      return [{ relPath: `pawsx/${lang}/${split}.tsv`, format: 'pair-tsv' }];
    case 'ner':
      return [{ relPath: `panx/${lang}/${split}.tsv`, format: 'tagged-tsv' }];
    case 'pos': {
      const other = UD_OTHER[lang];
      const c: FileCandidate[] = [];
      if (split === 'test') c.push({ relPath: `pos/ud_pud/${lang}_pud-ud-test.conllu`, format: 'conllu' });
      c.push({ relPath: `pos/xtreme_udpos/${lang}/${split}.tsv`, format: 'tagged-tsv' });
      if (other) c.push({ relPath: `pos/ud_other/${other}-ud-${split}.conllu`, format: 'conllu' });
      // Thai: UD PUD has only a test set and UD Thai-TUD has train/dev, so TUD comes first for train/dev.
      if (lang === 'th' && split !== 'test') c.reverse();
      return c;
    }
    default: {
      const never: never = task;
      throw new Error(`unknown task ${String(never)}`);
    }
  }
}

const UD_OTHER: Record<string, string> = { th: 'th_tud', ca: 'ca_ancora', bn: 'bn_bru' };
