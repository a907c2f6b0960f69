/**
 * Per-unit statistics of one language (a unit is a segment: a FLORES sentence, a UDHR article),
 * kept compactly so that bootstrap resampling is cheap: one typed column per additive count, and
 * each unit's token-id counts as a sparse row (CSR) over the language's own distinct ids. Summing
 * the units a resample draws gives exactly the counter of that resampled corpus.
 */
import { TokenKind, type Encoding } from '../tokenizers/types.js';
import type { TokenCounter } from './counter.js';

/** The additive counter fields, one column each. */
export const UNIT_SUM_FIELDS = ['tokens', 'words', 'wordTokens', 'continuedWords', 'singleTokenWords', 'chars', 'bytes', 'unknown', 'byteFallback'] as const;
export type UnitSumField = (typeof UNIT_SUM_FIELDS)[number];

export interface UnitStats {
  /** Unit (segment) ids in corpus order; equal ids across languages are aligned. */
  ids: string[];
  /** One column per additive field, `sums[field][u]` for unit u. */
  sums: Record<UnitSumField, Float64Array>;
  /** Distinct token ids of the language (the local index of an id is its position here). */
  vocab: Int32Array;
  /** Unit u's id counts are entries `idStart[u] … idStart[u + 1] - 1`. */
  idStart: Int32Array;
  /** Local id index of each entry. */
  idLocal: Int32Array;
  /** Count of each entry. */
  idCount: Int32Array;
}

/** A snapshot of the additive fields, to take the difference one segment made. */
function sumsOf(c: TokenCounter): number[] {
  return UNIT_SUM_FIELDS.map((f) => c[f]);
}

/**
 * Records units while a counter is filled: `begin` before a segment is counted, `end` after,
 * with the segment's encoding (its non-Control ids become the unit's id counts). Repeated unit
 * ids add to the same unit.
 */
export class UnitStatsBuilder {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly columns: number[][] = UNIT_SUM_FIELDS.map(() => []);
  private readonly perUnitIds: Map<number, number>[] = [];
  private before: number[] = [];

  begin(counter: TokenCounter): void {
    this.before = sumsOf(counter);
  }

  end(id: string, counter: TokenCounter, encoding: Encoding): void {
    let u = this.index.get(id);
    if (u === undefined) {
      u = this.ids.length;
      this.index.set(id, u);
      this.ids.push(id);
      for (const col of this.columns) col.push(0);
      this.perUnitIds.push(new Map());
    }
    const after = sumsOf(counter);
    for (let f = 0; f < after.length; f++) this.columns[f]![u]! += after[f]! - this.before[f]!;
    const counts = this.perUnitIds[u]!;
    const { ids, kinds } = encoding;
    for (let i = 0; i < ids.length; i++) {
      if (kinds[i] === TokenKind.Control) continue;
      counts.set(ids[i]!, (counts.get(ids[i]!) ?? 0) + 1);
    }
  }

  finish(): UnitStats {
    const local = new Map<number, number>();
    let entries = 0;
    for (const m of this.perUnitIds) entries += m.size;
    const idStart = new Int32Array(this.ids.length + 1);
    const idLocal = new Int32Array(entries);
    const idCount = new Int32Array(entries);
    let e = 0;
    this.perUnitIds.forEach((m, u) => {
      idStart[u] = e;
      for (const [id, n] of m) {
        let l = local.get(id);
        if (l === undefined) local.set(id, (l = local.size));
        idLocal[e] = l;
        idCount[e++] = n;
      }
    });
    idStart[this.ids.length] = e;
    const sums = Object.fromEntries(UNIT_SUM_FIELDS.map((f, i) => [f, Float64Array.from(this.columns[i]!)])) as Record<UnitSumField, Float64Array>;
    return { ids: [...this.ids], sums, vocab: Int32Array.from(local.keys()), idStart, idLocal, idCount };
  }
}

/** Plain-JSON form for checkpoints. */
export interface UnitStatsJSON {
  ids: string[];
  sums: Record<UnitSumField, number[]>;
  vocab: number[];
  idStart: number[];
  idLocal: number[];
  idCount: number[];
}

export function unitStatsToJSON(u: UnitStats): UnitStatsJSON {
  return {
    ids: u.ids,
    sums: Object.fromEntries(UNIT_SUM_FIELDS.map((f) => [f, Array.from(u.sums[f])])) as Record<UnitSumField, number[]>,
    vocab: Array.from(u.vocab),
    idStart: Array.from(u.idStart),
    idLocal: Array.from(u.idLocal),
    idCount: Array.from(u.idCount),
  };
}

export function unitStatsFromJSON(j: UnitStatsJSON): UnitStats {
  return {
    ids: j.ids,
    sums: Object.fromEntries(UNIT_SUM_FIELDS.map((f) => [f, Float64Array.from(j.sums[f])])) as Record<UnitSumField, Float64Array>,
    vocab: Int32Array.from(j.vocab),
    idStart: Int32Array.from(j.idStart),
    idLocal: Int32Array.from(j.idLocal),
    idCount: Int32Array.from(j.idCount),
  };
}
