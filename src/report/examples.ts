/** Example segmentations are made by the statistics stage (`src/stats/examples.ts`); the report's names for them. */
import { exampleFromEncoding, exampleSegmentation } from '../stats/examples.js';
import type { Tokenizer } from '../tokenizers/types.js';
import type { ExampleSegmentation } from './types.js';

export { exampleFromEncoding };

/** `exampleSegmentation` named by the tokenizer's spec. */
export function segmentExample(tokenizer: Tokenizer, language: string, text: string): ExampleSegmentation {
  return exampleSegmentation(tokenizer, tokenizer.spec, language, text);
}
