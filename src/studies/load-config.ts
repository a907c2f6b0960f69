/** Reads and validates a study file; errors name the file and the field path (`tasks.2.languages.0`). */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InvalidOptionError, unreadableFile } from '../errors.js';
import type { z } from 'zod';
import { StudyConfigSchema, studyJsonSchema, type StudyConfig } from './config.js';
import { nearestName } from '../util/edit-distance.js';
import { issueInWords } from '../util/schema-issue.js';
import { RENAMED_TRAINING_KEYS } from '../tuning/training-config.js';

/**
 * Keys older study files used, by where they sit (`budgets`, `model`, `tasks.N`): what replaced
 * each, so the error says what to write instead of "unknown key".
 */
function _replacedKey(path: readonly PropertyKey[], key: string): string | undefined {
  const at = path.filter((p) => typeof p !== 'number').join('.');
  if (at === 'budgets' && key in RENAMED_TRAINING_KEYS) return `\`${key}\` is now ${RENAMED_TRAINING_KEYS[key]} (the analyze tune option names)`;
  if (at === 'model' && key === 'learningRate') return '`learningRate` is now `lr` (the analyze pretrain option name)';
  if (at === 'tasks' && key === 'evalSplit') return '`evalSplit` is gone: every cell is scored on the test split (the dev split selects the checkpoint); delete the key';
  return undefined;
}

export function parseStudyConfig(data: unknown, file?: string): StudyConfig {
  const parsed = StudyConfigSchema.safeParse(data);
  if (!parsed.success) {
    // An unknown key first: a misspelt `methodz` also makes `methods` missing, and the spelling is the cause.
    const issues = [...parsed.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    const first = issues[0];
    const field = first && first.path.length ? first.path.join('.') : '(root)';
    const where = first && first.path.length ? first.path.join('.') : 'top level';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''}, at ${issues.slice(1, 4).map((i) => i.path.join('.') || 'the top level').join(', ')})` : '';
    throw new InvalidOptionError(`invalid study file: ${where}: ${first ? describeStudyIssue(first, data) : 'invalid'}${more}`, { file, field, expected: 'a study file matching analyses/study.schema.json' });
  }
  return parsed.data;
}

/** The keys the study schema allows at `path` (from its JSON Schema), for "did you mean". */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let node = studyJsonSchema() as { properties?: Record<string, unknown>; items?: unknown };
  for (const key of path) {
    const next = typeof key === 'number' ? node.items : node.properties?.[String(key)];
    if (!next || typeof next !== 'object') return [];
    node = next as typeof node;
  }
  return Object.keys(node.properties ?? {});
}

function describeStudyIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path);
    return issue.keys.map((key) => {
      const replaced = _replacedKey(issue.path, key);
      if (replaced !== undefined) return replaced;
      const nearest = nearestName(key, known);
      return `unknown key \`${key}\`${nearest !== undefined ? ` (did you mean \`${nearest}\`?)` : ''}`;
    }).join('; ') + (known.length ? `; known keys: ${known.join(', ')}` : '');
  }
  const words = issueInWords(issue, data);
  return words.given === undefined ? `missing; expected ${words.allowed}` : `${words.given} is not allowed; expected ${words.allowed}`;
}

/** "line 3, column 14" for a JSON.parse error, from the position V8 reports (or the end of the text). */
export function jsonErrorPlace(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function loadStudyConfig(path: string): StudyConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw unreadableFile(path, cause, 'study file');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const { line, column } = jsonErrorPlace(text, cause);
    const reason = cause instanceof Error ? cause.message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'the file ends early (truncated?)') : 'not JSON';
    throw new InvalidOptionError(`study file is not valid JSON at line ${line}, column ${column}: ${reason}`, { file: path, line, cause });
  }
  return parseStudyConfig(data, path);
}

/** Relative paths in a study file (data root, model path, `flores:DIR`) are relative to the repository root (cwd), not the file. */
export function resolveStudyPath(path: string, base = process.cwd()): string {
  return isAbsolute(path) ? path : resolve(base, path);
}
