import { PAWSX_LABELS } from '../datasets/types.js';
import type { PairTask } from './types.js';

/** XGLM's published PAWS-X template: s1 + ", right? " + {Yes|No} + ", " + s2 (1 = paraphrase → Yes). */
const VERBALIZER: Record<(typeof PAWSX_LABELS)[number], string> = { '0': 'No', '1': 'Yes' };

export const pawsxTask: PairTask = {
  kind: 'pair',
  name: 'pawsx',
  labels: PAWSX_LABELS,
  metric: 'accuracy',
  verbalize: (ex) => PAWSX_LABELS.map((l) => `${ex.sentence1}, right? ${VERBALIZER[l]}, ${ex.sentence2}`),
};
