/**
 * A schema issue in the words of the thing validated, not the validation library's: what was given
 * (the value at the issue's path) and what is allowed, e.g. given `0`, allowed "a number > 0".
 * Schemas may word the allowed values themselves with a custom issue message.
 */
import type { z } from 'zod';

export interface IssueInWords {
  /** The issue's path joined with dots (`steps`, `tasks.2.languages`); '' for the root. */
  path: string;
  /** The value given at `path`, as JSON, or undefined when nothing was given. */
  given: string | undefined;
  /** What is allowed there, in words. */
  allowed: string;
}

type Issue = z.core.$ZodIssue;

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) {
    // A list given as one string (`"en,EN"`) holds its items only after parsing: show the string.
    if (typeof v === 'string') return v;
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** zod's own wording starts with one of these; anything else is a message the schema chose. */
const LIBRARY_WORDING = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)\b/;

function bound(kind: 'small' | 'big', issue: { origin: string; inclusive?: boolean } & ({ minimum: unknown } | { maximum: unknown })): string {
  const limit = 'minimum' in issue ? issue.minimum : issue.maximum;
  const n = Number(limit);
  if (issue.origin === 'array' || issue.origin === 'set') {
    const count = kind === 'small' ? (issue.inclusive === false ? n + 1 : n) : (issue.inclusive === false ? n - 1 : n);
    return kind === 'small' ? `at least ${count} item${count === 1 ? '' : 's'}` : `at most ${count} item${count === 1 ? '' : 's'}`;
  }
  if (issue.origin === 'string') {
    if (kind === 'small' && n <= 1) return 'a non-empty value';
    return `${kind === 'small' ? 'at least' : 'at most'} ${n} characters`;
  }
  const op = kind === 'small' ? (issue.inclusive === false ? '>' : '≥') : (issue.inclusive === false ? '<' : '≤');
  return `a number ${op} ${String(limit)}`;
}

export function issueInWords(issue: Issue, data: unknown): IssueInWords {
  const path = issue.path.map(String).join('.');
  const given = show(valueAt(data, issue.path));
  let allowed: string;
  if (issue.code === 'custom' || !LIBRARY_WORDING.test(issue.message)) allowed = issue.message;
  else {
    switch (issue.code) {
      case 'too_small': allowed = bound('small', issue); break;
      case 'too_big': allowed = bound('big', issue); break;
      case 'invalid_type': allowed = issue.expected === 'int' ? 'a whole number' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`; break;
      case 'invalid_value': allowed = `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`; break;
      case 'invalid_format': allowed = issue.format === 'regex' && 'pattern' in issue ? `text matching ${String(issue.pattern)}` : `a ${issue.format}`; break;
      case 'not_multiple_of': allowed = `a multiple of ${String(issue.divisor)}`; break;
      case 'unrecognized_keys': allowed = `no key ${issue.keys.map((k) => `\`${k}\``).join(', ')}`; break;
      default: allowed = issue.message;
    }
  }
  return { path, given, allowed };
}
