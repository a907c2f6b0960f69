import { readFileSync } from 'node:fs';
import { fixtureDataPath } from './shared.js';

/** Languages per task from shared/data/MANIFEST.md's coverage matrix (independent of any study file). */
export function manifestCoverage(): Record<string, string[]> {
  const md = readFileSync(fixtureDataPath('MANIFEST.md'), 'utf8');
  const start = md.indexOf('## Coverage matrix');
  const rows = md.slice(start).split('\n').filter((l) => /^\| [a-z]{2} \|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const has = (c: string | undefined): boolean => c !== undefined && c !== '—';
  const cover: Record<string, string[]> = { xnli: [], pawsx: [], ner: [], pos: [] };
  for (const [lang, xnli, pawsx, ner, pud, other, xtreme] of rows) {
    if (has(xnli)) cover['xnli']!.push(lang!);
    if (has(pawsx)) cover['pawsx']!.push(lang!);
    if (has(ner)) cover['ner']!.push(lang!);
    if (has(pud) || has(other) || has(xtreme)) cover['pos']!.push(lang!);
  }
  return cover;
}
