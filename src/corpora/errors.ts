/** Errors of the corpus stage; messages are kept here so that they read the same everywhere. */
import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** A language code that the language table or the corpus does not know. */
export class UnknownLanguageError extends TokgapError {
  readonly query: string;
  readonly suggestions: readonly string[];
  /** `labels`: how each suggestion reads in the message (a code with its language name). */
  constructor(query: string, suggestions: readonly string[], context: string, fields: TokgapErrorFields = {}, labels: readonly string[] = suggestions) {
    const hint = suggestions.length ? `; did you mean ${labels.join(', ')}?` : '';
    super('UNKNOWN_LANGUAGE', `unknown language "${query}" for ${context}${hint}`, { field: 'langs', ...fields });
    this.query = query;
    this.suggestions = suggestions;
  }
}

/** A corpus directory holds no file for a requested language. */
export class MissingLanguageError extends TokgapError {
  constructor(language: string, dir: string, expected: string) {
    super('NOT_FOUND', `no corpus file for language "${language}"`, { file: dir, expected });
  }
}

/** The corpus spec itself is malformed (`flores:` without a directory, unknown kind …). */
export class CorpusSpecError extends TokgapError {
  constructor(spec: string, expected: string) {
    super('INVALID_OPTION', `bad corpus spec "${spec}"`, { field: 'corpus', expected });
  }
}

/** A known language that the corpus has no text for (`--langs de` on a folder without German). */
export class LanguageNotInCorpusError extends TokgapError {
  readonly query: string;
  constructor(query: string, name: string, corpusName: string, suggestions: readonly string[], labels: readonly string[] = suggestions) {
    const hint = suggestions.length ? `; near matches: ${labels.join(', ')}` : '';
    super('NOT_FOUND', `no text for language "${query}" (${name}) in ${corpusName}${hint}`, { field: 'langs' });
    this.query = query;
  }
}

/** A language name that stands for several corpus texts (`German` → deu_1996, deu_1901): the user picks. */
export class AmbiguousLanguageError extends TokgapError {
  readonly query: string;
  readonly choices: readonly string[];
  constructor(query: string, choices: readonly string[], corpusName: string) {
    super('AMBIGUOUS_LANGUAGE', `"${query}" names several texts in ${corpusName}: ${choices.join(', ')}; give one of these codes`, { field: 'langs', expected: 'one of the codes listed' });
    this.query = query;
    this.choices = choices;
  }
}
