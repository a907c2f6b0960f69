/** The study runner's tuning stage on the queue: enqueue, follow, and stop on failed cells. */
import type { TuneConfig } from '../tuning/options.js';
import { QueueCellsFailedError } from './errors.js';
import { tuneOnQueue } from './tune.js';

export async function tuneStudyGroupOnQueue(config: TuneConfig, queueUrl: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const summary = await tuneOnQueue(config, queueUrl, onProgress ? { onProgress: (p) => onProgress(p.done + p.failed, p.total) } : {});
  // Rows of finished cells are in the results file already; after `analyze queue retry` a rerun follows the retried ones.
  if (summary.failed.length > 0) throw new QueueCellsFailedError(summary.failed);
}
