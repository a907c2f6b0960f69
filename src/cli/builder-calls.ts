/**
 * The calls a command's builder makes on yargs (`.option(name, …)`, `.example(line, …)`, …),
 * recorded through a stand-in that answers every method with itself: what a command declares,
 * read without parsing a command line.
 */
import type { CommandModule } from 'yargs';

export interface BuilderCall {
  method: string;
  args: unknown[];
}

export function builderCalls(command: CommandModule<object, any>): BuilderCall[] {
  const calls: BuilderCall[] = [];
  const fake: object = new Proxy({}, {
    get: (_t, method) => (...args: unknown[]) => {
      calls.push({ method: String(method), args });
      return fake;
    },
  });
  if (typeof command.builder === 'function') (command.builder as (y: unknown) => unknown)(fake);
  return calls;
}
