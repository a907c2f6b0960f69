/**
 * How the job gets tokenizers: the tokenizer stage's factory by default; callers (tests, library
 * users with their own Tokenizer) can inject a loader instead.
 */
import { loadTokenizer } from '../../tokenizers/load.js';
import type { Tokenizer } from '../../tokenizers/types.js';

export type TokenizerLoader = (spec: string) => Tokenizer | Promise<Tokenizer>;

export const loadTokenizerBySpec: TokenizerLoader = (spec) => loadTokenizer(spec);
