export type { PairTask, TokenTask, Task } from './types.js';
export { TaskInputError } from './errors.js';
export { xnliTask } from './xnli.js';
export { pawsxTask } from './pawsx.js';
export { posTask, wordAccuracy } from './pos.js';
export { nerTask, entityF1, extractEntities, type Entity } from './ner.js';
export { TASKS, getTask } from './registry.js';
export { alignWords, IGNORE_INDEX, type AlignedSentence, type AlignOptions } from './token-align.js';
export { sequenceLogProbs, argmaxRows } from './lm-score.js';
