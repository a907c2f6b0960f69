import { InvalidOptionError } from '../errors.js';
import { nerTask } from './ner.js';
import { pawsxTask } from './pawsx.js';
import { posTask } from './pos.js';
import type { Task } from './types.js';
import { xnliTask } from './xnli.js';

/** Every task, by name (an explicit list, no import side effects). */
export const TASKS: readonly Task[] = [xnliTask, pawsxTask, posTask, nerTask];

export function getTask(name: string): Task {
  const task = TASKS.find((t) => t.name === name);
  if (!task) throw new InvalidOptionError(`unknown task "${name}"`, { field: 'task', expected: `one of ${TASKS.map((t) => t.name).join(', ')}` });
  return task;
}
