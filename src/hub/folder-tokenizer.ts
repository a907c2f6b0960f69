/**
 * The tokenizer a model folder carries, as a tokenizer spec: XGLM's `sentencepiece.bpe.model`
 * (or its `tokenizer.json`) through the xglm loader when config.json says `model_type: xglm`;
 * otherwise `tokenizer.json`, then `tokenizer.model`. Undefined when the folder has none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function modelType(dir: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { model_type?: unknown }).model_type;
  } catch {
    return undefined;
  }
}

export function folderTokenizerSpec(dir: string): string | undefined {
  const has = (f: string): boolean => existsSync(join(dir, f));
  if (modelType(dir) === 'xglm' && (has('sentencepiece.bpe.model') || has('tokenizer.json'))) return `xglm:${dir}`;
  if (has('tokenizer.json')) return `hf:${join(dir, 'tokenizer.json')}`;
  if (has('tokenizer.model')) return `spm:${join(dir, 'tokenizer.model')}`;
  if (has('sentencepiece.bpe.model')) return `xglm:${dir}`;
  return undefined;
}
