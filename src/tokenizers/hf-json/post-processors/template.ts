/**
 * `TemplateProcessing` for single sequences: the `single` template's special tokens around
 * sequence A (XGLM: `</s>` then the text). Only applied when special tokens are asked for.
 */
import { child, expectArray, expectObject, expectString, type Json, type JsonAt } from '../json.js';
import { UnsupportedTokenizerError } from '../../errors.js';

/** The ids to put before and after the sequence. */
export interface Template {
  before: number[];
  after: number[];
  /** Every id the template's special_tokens table names (for kinds). */
  specialIds: number[];
}

export const POST_PROCESSOR_TYPES = ['TemplateProcessing'] as const;

export function templateFromJson(value: Json | undefined, where: JsonAt): Template | null {
  if (value === null || value === undefined) return null;
  const obj = expectObject(value, where);
  const type = expectString(obj.type, child(where, 'type'));
  if (type !== 'TemplateProcessing') {
    throw new UnsupportedTokenizerError(`unsupported post_processor type "${type}"`, { file: where.file, field: child(where, 'type').path, expected: `one of ${POST_PROCESSOR_TYPES.join(', ')} or null` });
  }
  const specials = new Map<string, number[]>();
  const table = obj.special_tokens === undefined || obj.special_tokens === null ? {} : expectObject(obj.special_tokens, child(where, 'special_tokens'));
  for (const [name, entry] of Object.entries(table)) {
    const e = expectObject(entry, child(child(where, 'special_tokens'), name));
    specials.set(name, expectArray(e.ids, child(child(child(where, 'special_tokens'), name), 'ids')).map(Number));
  }
  const before: number[] = [];
  const after: number[] = [];
  let seen = false;
  const single = expectArray(obj.single, child(where, 'single'));
  single.forEach((item, i) => {
    const piece = expectObject(item, child(child(where, 'single'), i));
    if (piece.Sequence !== undefined) {
      seen = true;
      return;
    }
    const st = expectObject(piece.SpecialToken, child(child(child(where, 'single'), i), 'SpecialToken'));
    const name = expectString(st.id, child(child(child(child(where, 'single'), i), 'SpecialToken'), 'id'));
    const ids = specials.get(name);
    if (!ids) throw new UnsupportedTokenizerError(`template names special token "${name}" that special_tokens lacks`, { file: where.file, field: child(where, 'special_tokens').path, expected: `an entry for ${name}` });
    (seen ? after : before).push(...ids);
  });
  return { before, after, specialIds: [...new Set([...specials.values()].flat())] };
}
