/**
 * SIGINT and SIGTERM in one place: the CLI sets what an interrupt does (say what was kept, exit
 * 130/143), and a short critical section (moving a finished output set into place) holds
 * interrupts back until it is done, so the folder is never left half swapped.
 */
type InterruptHandler = (signal: NodeJS.Signals) => void;

let handler: InterruptHandler | undefined;
let held = 0;
let pending: NodeJS.Signals | undefined;

function dispatch(signal: NodeJS.Signals): void {
  if (held > 0) {
    pending ??= signal;
    return;
  }
  if (handler) handler(signal);
}

/** What SIGINT/SIGTERM do from now on (the CLI's one handler). */
export function setInterruptHandler(h: InterruptHandler): void {
  if (!handler) {
    process.on('SIGINT', dispatch);
    process.on('SIGTERM', dispatch);
  }
  handler = h;
}

/** Run `fn` with SIGINT/SIGTERM held back; one that came meanwhile takes effect right after. */
export function withInterruptsHeld<T>(fn: () => T): T {
  const temporary = !handler && held === 0;
  if (temporary) {
    process.on('SIGINT', dispatch);
    process.on('SIGTERM', dispatch);
  }
  held++;
  try {
    return fn();
  } finally {
    held--;
    if (temporary) {
      process.off('SIGINT', dispatch);
      process.off('SIGTERM', dispatch);
    }
    if (held === 0 && pending) {
      const signal = pending;
      pending = undefined;
      if (handler) handler(signal);
      else process.kill(process.pid, signal); // no handler: the default action, as if never held
    }
  }
}
