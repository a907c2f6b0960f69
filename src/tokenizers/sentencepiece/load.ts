import { InvalidOptionError } from '../../errors.js';
import { SentencePieceModel } from './model.js';

/** Load `spm:PATH.model` (the `spm:` prefix is optional). */
export function loadSentencePieceSpec(spec: string): SentencePieceModel {
  const path = spec.startsWith('spm:') ? spec.slice(4) : spec;
  if (path.length === 0) {
    throw new InvalidOptionError('empty SentencePiece spec', { field: 'tokenizer', expected: 'spm:PATH.model' });
  }
  return SentencePieceModel.fromFile(path);
}
