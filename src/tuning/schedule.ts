/** Linear warmup then linear decay to 0, as HF's `get_linear_schedule_with_warmup`. */
export interface LinearSchedule {
  baseLr: number;
  warmupSteps: number;
  totalSteps: number;
}

/**
 * Learning rate for optimiser step `step` (0-based, the rate used by the step-th update):
 * `baseLr · step / warmup` while warming up, then `baseLr · (total − step) / (total − warmup)`, never below 0.
 */
export function linearLr(step: number, s: LinearSchedule): number {
  if (step < s.warmupSteps) return (s.baseLr * step) / Math.max(1, s.warmupSteps);
  return s.baseLr * Math.max(0, (s.totalSteps - step) / Math.max(1, s.totalSteps - s.warmupSteps));
}
