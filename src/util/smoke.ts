/**
 * Smoke mode (`TOKGAP_SMOKE=1`): every training stops after a couple of steps and every training
 * and evaluation set is cut to a few examples, so that a command line or a study can be checked end
 * to end in seconds (paths, data, downloads, outputs) without its real cost. Its scores mean nothing.
 */
export const SMOKE_CAPS = { steps: 2, examples: 16 } as const;

export function smokeMode(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.TOKGAP_SMOKE?.trim().toLowerCase();
  return flag !== undefined && flag !== '' && flag !== '0' && flag !== 'false';
}

/** `budget` with its steps and example counts capped in smoke mode; unchanged otherwise. */
export function smokeCapped<B extends { steps: number; maxTrain?: number; maxEval?: number }>(budget: B, env: NodeJS.ProcessEnv = process.env): B {
  if (!smokeMode(env)) return budget;
  const cap = (n: number | undefined): number => Math.min(n ?? Infinity, SMOKE_CAPS.examples);
  return { ...budget, steps: Math.min(budget.steps, SMOKE_CAPS.steps), maxTrain: cap(budget.maxTrain), maxEval: cap(budget.maxEval) };
}
