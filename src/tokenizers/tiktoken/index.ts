export { TiktokenTokenizer, TIKTOKEN_NAMES, isTiktokenName, type TiktokenName } from './tiktoken.js';
