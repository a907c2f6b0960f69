import { DatasetFormatError } from './errors.js';
import { splitLines } from '../corpora/read-text.js';
import type { TaggedSentence } from './types.js';

export interface TaggedTsvOptions {
  /**
   * Strip a language prefix from each token (WikiANN/PAN-X originals write `en:London`). When set,
   * every token must carry `<prefix>:`.
   */
  languagePrefix?: string;
}

/**
 * `token<TAB>tag` per line, blank line between sentences: XTREME's panx and udpos files, and the
 * original WikiANN IOB files (with `languagePrefix`). Tags outside `tags` are errors.
 */
export function fromTaggedTsv(
  text: string,
  file: string,
  tags: readonly string[],
  options: TaggedTsvOptions = {},
): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence | null = null;
  const prefix = options.languagePrefix !== undefined ? `${options.languagePrefix}:` : undefined;
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      if (cur) out.push(cur);
      cur = null;
      return;
    }
    const cols = raw.split('\t');
    if (cols.length !== 2) {
      throw new DatasetFormatError(`expected 2 tab-separated columns, found ${cols.length}`, {
        file, line, expected: 'token<TAB>tag',
      });
    }
    let word = cols[0]!;
    const tag = cols[1]!.trim();
    if (prefix !== undefined) {
      if (!word.startsWith(prefix)) {
        throw new DatasetFormatError(`token lacks the language prefix "${prefix}"`, { file, line, field: 'token', expected: `${prefix}<token>` });
      }
      word = word.slice(prefix.length);
    }
    if (word === '') throw new DatasetFormatError('empty token', { file, line, field: 'token' });
    if (!tags.includes(tag)) {
      throw new DatasetFormatError(`tag "${tag}" is not in the tag set`, { file, line, field: 'tag', expected: `one of ${tags.join(', ')}` });
    }
    cur ??= { words: [], tags: [], line };
    cur.words.push(word);
    cur.tags.push(tag);
  });
  if (cur) out.push(cur);
  return out;
}
