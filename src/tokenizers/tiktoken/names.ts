/** The tiktoken encodings tokgap ships (through gpt-tokenizer), apart from their data so that parsing a spec loads nothing. */
export const TIKTOKEN_NAMES = ['cl100k_base', 'o200k_base', 'r50k_base', 'p50k_base'] as const;
export type TiktokenName = (typeof TIKTOKEN_NAMES)[number];

export function isTiktokenName(name: string): name is TiktokenName {
  return (TIKTOKEN_NAMES as readonly string[]).includes(name);
}
