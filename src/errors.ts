/**
 * One base error for the whole library. Every error has a stable `code` (the CLI maps it to an
 * exit status and callers can match on it) and structured fields naming what broke.
 * Each stage adds subclasses in its own `errors.ts`.
 */
export interface TokgapErrorFields {
  /** The file that was being read or written. */
  file?: string;
  /** 1-based line in `file`, where it applies. */
  line?: number;
  /** The field, column, option or key that was wrong. */
  field?: string;
  /** What was expected instead, in words. */
  expected?: string;
  /** Underlying error, if any. */
  cause?: unknown;
}

export class TokgapError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly expected?: string;

  constructor(code: string, message: string, fields: TokgapErrorFields = {}) {
    super(TokgapError.format(message, fields), fields.cause !== undefined ? { cause: fields.cause } : undefined);
    this.name = 'TokgapError';
    this.code = code;
    this.file = fields.file;
    this.line = fields.line;
    this.field = fields.field;
    this.expected = fields.expected;
  }

  /** "file:line: message (field …; expected …)" so that a terminal user sees where to look. */
  private static format(message: string, f: TokgapErrorFields): string {
    const where = f.file ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}: ` : '';
    const extra: string[] = [];
    if (f.field) extra.push(`field ${f.field}`);
    if (f.expected) extra.push(`expected ${f.expected}`);
    return `${where}${message}${extra.length ? ` (${extra.join('; ')})` : ''}`;
  }
}

/** Checks `name` and `code` too, so errors from a duplicate copy of the package are recognised. */
export function isTokgapError(value: unknown): value is TokgapError {
  return (
    value instanceof TokgapError ||
    (value instanceof Error && value.name === 'TokgapError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** A user-supplied option or argument was invalid (CLI flags, API options, study files). */
export class InvalidOptionError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('INVALID_OPTION', message, fields);
  }
}

/** An input file could not be read or parsed. */
export class BadInputError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('BAD_INPUT', message, fields);
  }
}

/** A file or folder the user named does not exist (a missing resource, exit 3). */
export class MissingFileError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('NOT_FOUND', message, fields);
  }
}

/**
 * The error for a user's file that could not be read: one that does not exist is a missing
 * resource, anything else (a folder, no permission) is bad input. `what` names the file's role.
 */
export function unreadableFile(file: string, cause: unknown, what = 'file'): TokgapError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new MissingFileError(`no such ${what}`, { file });
  return new BadInputError(`cannot read ${what}`, { file, cause });
}
