export { NAMED_TOKENIZERS, findNamedTokenizer, type NamedTokenizer } from './registry.js';
export { namedEntry, resolveNamedFile, type NamedOptions } from './named.js';
