export { XglmTokenizer, loadXglmSpec } from './tokenizer.js';
export { xglmPartsFromTokenizerJson, type XglmJsonParts } from './hf-json.js';
