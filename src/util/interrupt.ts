/**
 * SIGINT and SIGTERM in one place: the CLI sets what an interrupt does (say what was kept, exit
 * 130/143), and a short critical section (moving a finished output set into place) holds
 * interrupts back until it is done, so the folder is never left half swapped.
 */
type InterruptHandler = (signal: NodeJS.Signals) => void;

let handler: InterruptHandler | undefined;
let held = 0;
let pending: NodeJS.Signals | undefined;
/** Told of every signal that arrives while interrupts are deferred (`withInterruptsDeferred`). */
const deferredListeners = new Set<InterruptHandler>();

function dispatch(signal: NodeJS.Signals): void {
  if (held > 0) {
    pending ??= signal;
    for (const listener of deferredListeners) listener(signal);
    return;
  }
  if (handler) handler(signal);
}

/** The end of a hold: a signal that came meanwhile takes effect now. */
function release(temporary: boolean): void {
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

function hold(): boolean {
  const temporary = !handler && held === 0;
  if (temporary) {
    process.on('SIGINT', dispatch);
    process.on('SIGTERM', dispatch);
  }
  held++;
  return temporary;
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
  const temporary = hold();
  try {
    return fn();
  } finally {
    release(temporary);
  }
}

/**
 * Run the async `fn` with SIGINT/SIGTERM deferred: each signal goes to `onSignal` (e.g. to forward
 * it to child processes and let them stop cleanly), and the first one takes effect once `fn` settles.
 */
export async function withInterruptsDeferred<T>(onSignal: InterruptHandler, fn: () => Promise<T>): Promise<T> {
  const temporary = hold();
  deferredListeners.add(onSignal);
  try {
    return await fn();
  } finally {
    deferredListeners.delete(onSignal);
    release(temporary);
  }
}
