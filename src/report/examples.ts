/** Example segmentations for reports, from any `Tokenizer`'s encoding of a sentence. */
import type { Encoding, TokenKind, Tokenizer } from '../tokenizers/types.js';
import type { ExampleSegmentation } from './types.js';

/** Turn an `Encoding` (pieces, kinds, UTF-16 offsets) into the report's plain example form. */
export function exampleFromEncoding(language: string, tokenizer: string, text: string, encoding: Encoding): ExampleSegmentation {
  const tokens = encoding.pieces.map((piece, i) => ({
    piece,
    kind: encoding.kinds[i] as TokenKind,
    start: encoding.offsets[2 * i]!,
    end: encoding.offsets[2 * i + 1]!,
  }));
  return { language, tokenizer, text, tokens };
}

/** Encode `text` without special tokens (as the statistics count) and keep it as an example. */
export function segmentExample(tokenizer: Tokenizer, language: string, text: string): ExampleSegmentation {
  return exampleFromEncoding(language, tokenizer.spec, text, tokenizer.encode(text));
}
