/**
 * Per-language checkpoints so that long runs resume: one JSON file per language under
 * `<out>/.checkpoints/<key>/`, where the key hashes everything that changes the counts (tokenizer
 * spec and file sizes/mtimes, corpus spec, counter format). Metric options such as α only change
 * how counters become rows, so they do not invalidate checkpoints.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { counterFromJSON, counterToJSON, type TokenCounterJSON } from '../counter.js';
import { unitStatsFromJSON, unitStatsToJSON, type UnitStatsJSON } from '../unit-stats.js';
import type { LanguageCount } from './process-language.js';

const FORMAT = 1;

export function checkpointKey(tokenizerSpec: string, sourceFiles: readonly string[], corpusSpec: string): string {
  const files = sourceFiles.map((f) => {
    try {
      const s = statSync(f);
      return `${f}:${s.size}:${s.mtimeMs}`;
    } catch {
      return f;
    }
  });
  return createHash('sha256').update(JSON.stringify({ FORMAT, tokenizerSpec, files, corpusSpec })).digest('hex').slice(0, 16);
}

export function checkpointDir(outDir: string, key: string): string {
  return join(outDir, '.checkpoints', key);
}

const fileFor = (dir: string, language: string): string => join(dir, `${encodeURIComponent(language)}.json`);

interface Stored {
  format: number;
  language: string;
  wordSource: LanguageCount['wordSource'];
  counter: TokenCounterJSON;
  /** Per-segment statistics; optional, so files without them stay readable. */
  units?: UnitStatsJSON;
}

/** `needUnits`: a checkpoint without per-segment statistics counts as missing (bootstrap needs them). */
export function loadCheckpoint(dir: string, language: string, needUnits = false): LanguageCount | undefined {
  const file = fileFor(dir, language);
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    if (s.format !== FORMAT || s.language !== language || (needUnits && !s.units)) return undefined;
    return { language, wordSource: s.wordSource, counter: counterFromJSON(s.counter), ...(s.units ? { units: unitStatsFromJSON(s.units) } : {}) };
  } catch {
    return undefined; // a damaged checkpoint is simply recomputed
  }
}

export function saveCheckpoint(dir: string, count: LanguageCount): void {
  const stored: Stored = { format: FORMAT, language: count.language, wordSource: count.wordSource, counter: counterToJSON(count.counter), ...(count.units ? { units: unitStatsToJSON(count.units) } : {}) };
  writeFileAtomic(fileFor(dir, count.language), JSON.stringify(stored));
}
