/**
 * The task names, one list: each task reads the dataset of its name, so the list is the datasets
 * stage's (`DATASET_TASKS`), which comes before this one.
 */
import { DATASET_TASKS, type DatasetTask } from '../datasets/catalog.js';

export const TASK_NAMES = DATASET_TASKS;
export type TaskName = DatasetTask;
