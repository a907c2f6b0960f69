export { XglmTokenizer, loadXglmSpec, type XglmNormalization } from './tokenizer.js';
export { xglmPartsFromTokenizerJson, type XglmJsonParts } from './hf-json.js';
