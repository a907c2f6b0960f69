/**
 * The child process of the local grid pool (`grid-pool.ts`): it receives one run as a `TuneConfig`
 * over IPC, runs it with `tune()` in its own wasm heap (one core each; wasm threads do not start
 * under Node) and reports progress, its memory plan and its summary or error back. Rows go to the
 * shared results file from here, one O_APPEND write each (`appendResult`).
 */
import { isTokgapError } from '../errors.js';
import { EXIT } from '../util/exit-codes.js';
import { setInterruptHandler } from '../util/interrupt.js';
import { tune } from './grid.js';
import type { ChildMessage, ParentMessage } from './grid-pool.js';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) { resolve(); return; }
    process.send!(message, undefined, {}, () => resolve());
  });
}

// Interrupted (forwarded by the parent, or Ctrl-C reaching the whole process group): stop here.
// The run's checkpoint (saved every `checkpointEvery` steps) and rows already written stay; the
// parent says what was kept.
setInterruptHandler((signal) => process.exit(signal === 'SIGINT' ? EXIT.INTERRUPTED : EXIT.TERMINATED));
// A parent that died leaves no one to report to: stop the same way.
process.on('disconnect', () => process.exit(EXIT.TERMINATED));

process.once('message', (message: ParentMessage) => {
  void (async () => {
    try {
      const summary = await tune(
        { ...message.config, workers: 1 },
        (_label, done, total) => { void send({ type: 'progress', done, total }); },
        (check) => { void send({ type: 'memory', check }); },
      );
      await send({ type: 'done', summary });
      process.exit(EXIT.OK);
    } catch (error) {
      await send({
        type: 'error',
        error: isTokgapError(error)
          ? { tokgap: true, code: error.code, message: error.message }
          : { tokgap: false, code: 'INTERNAL', message: error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error), stack: error instanceof Error ? error.stack : undefined },
      });
      process.exit(isTokgapError(error) ? EXIT.USAGE : EXIT.INTERNAL);
    }
  })();
});
