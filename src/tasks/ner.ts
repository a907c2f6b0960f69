import { NER_TAGS } from '../datasets/types.js';
import { checkShapes } from './pos.js';
import type { TokenTask } from './types.js';

/** A typed span [start, end) over words. */
export interface Entity {
  type: string;
  start: number;
  end: number;
}

/**
 * IOB2 chunks as seqeval's default (non-strict) mode reads them, which follows conlleval: a chunk
 * starts at B-X, or at I-X after O or after a different type; it ends before O, before B-, or before
 * a tag of another type. So a stray I-X opens an entity.
 */
export function extractEntities(tags: readonly string[]): Entity[] {
  const out: Entity[] = [];
  let cur: Entity | null = null;
  tags.forEach((tag, i) => {
    const [prefix, type] = _split(tag);
    const continues = cur !== null && prefix === 'I' && type === cur.type;
    if (cur && !continues) {
      cur.end = i;
      out.push(cur);
      cur = null;
    }
    if (!continues && (prefix === 'B' || prefix === 'I')) cur = { type, start: i, end: i + 1 };
  });
  if (cur) {
    (cur as Entity).end = tags.length;
    out.push(cur);
  }
  return out;
}

/** Micro-averaged entity-level F1 over all sentences (exact span and type match); 0 when nothing is found or gold is empty. */
export function entityF1(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): number {
  checkShapes(gold, predicted);
  let nGold = 0;
  let nPred = 0;
  let nRight = 0;
  gold.forEach((g, i) => {
    const ge = extractEntities(g);
    const pe = extractEntities(predicted[i]!);
    nGold += ge.length;
    nPred += pe.length;
    const keys = new Set(ge.map((e) => `${e.type}:${e.start}:${e.end}`));
    for (const e of pe) if (keys.has(`${e.type}:${e.start}:${e.end}`)) nRight++;
  });
  if (nRight === 0) return 0;
  const precision = nRight / nPred;
  const recall = nRight / nGold;
  return (2 * precision * recall) / (precision + recall);
}

export const nerTask: TokenTask = {
  kind: 'token',
  name: 'ner',
  labels: NER_TAGS,
  metric: 'f1',
  score: entityF1,
};

function _split(tag: string): [string, string] {
  if (tag === 'O') return ['O', ''];
  const dash = tag.indexOf('-');
  return dash < 0 ? [tag, ''] : [tag.slice(0, dash), tag.slice(dash + 1)];
}
