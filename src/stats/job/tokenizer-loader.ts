/**
 * How the job gets tokenizers: through the tokenizer stage's factory `loadTokenizer(spec)` and
 * `defaultTokenizerSpec()`. Looked up on the stage barrel at run time so that callers (tests) can
 * inject their own loader instead.
 */
import * as tokenizers from '../../tokenizers/index.js';
import { loadSentencePieceSpec } from '../../tokenizers/sentencepiece/index.js';
import { TokgapError } from '../../errors.js';
import type { Tokenizer } from '../../tokenizers/types.js';

export type TokenizerLoader = (spec: string) => Tokenizer | Promise<Tokenizer>;

function factory<T>(name: string): T {
  const fn = (tokenizers as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new TokgapError('MISSING_PACKAGE', `the tokenizer stage does not provide ${name}()`);
  return fn as T;
}

export const loadTokenizerBySpec: TokenizerLoader = (spec) => {
  // Until the factory is there, `spm:` specs still work through the SentencePiece loader.
  if (typeof (tokenizers as Record<string, unknown>).loadTokenizer !== 'function' && spec.startsWith('spm:')) return loadSentencePieceSpec(spec);
  return factory<TokenizerLoader>('loadTokenizer')(spec);
};

export function defaultTokenizerSpec(): string {
  return factory<() => string>('defaultTokenizerSpec')();
}
