/** What every `analyze queue` command shares: the --queue option and opening the queue. */
import type { Argv } from 'yargs';
import type { QueueConnection } from '../../../queue/index.js';

export interface QueueArgs {
  queue: string;
  json: boolean;
  quiet: boolean;
}

export function withQueueOption<T>(y: Argv<T>): Argv<T & { queue: string }> {
  return y.option('queue', { type: 'string', demandOption: true, describe: 'The Redis of the queue: redis://[USER:PASSWORD@]HOST:PORT/DB, rediss:// for TLS' }) as Argv<T & { queue: string }>;
}

/** Open the queue, run `work`, close it. */
export async function withQueue<T>(url: string, work: (connection: QueueConnection) => Promise<T>, options: { anyVersion?: boolean } = {}): Promise<T> {
  const { openQueue } = await import('../../../queue/index.js');
  const connection = await openQueue(url, options);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
