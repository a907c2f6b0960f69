import { XNLI_LABELS } from '../datasets/types.js';
import type { PairTask } from './types.js';

/** XGLM's published XNLI template (Lin et al. 2021): premise + ", right? " + {Yes|Also|No} + ", " + hypothesis. */
const VERBALIZER: Record<(typeof XNLI_LABELS)[number], string> = {
  entailment: 'Yes',
  neutral: 'Also',
  contradiction: 'No',
};

export const xnliTask: PairTask = {
  kind: 'pair',
  name: 'xnli',
  labels: XNLI_LABELS,
  metric: 'accuracy',
  verbalize: (ex) => XNLI_LABELS.map((l) => `${ex.sentence1}, right? ${VERBALIZER[l]}, ${ex.sentence2}`),
};
