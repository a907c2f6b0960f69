/** Reads and validates a study file; errors name the file and the field path (`tasks.2.languages.0`). */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { StudyConfigSchema, type StudyConfig } from './config.js';

export function parseStudyConfig(data: unknown, file?: string): StudyConfig {
  const parsed = StudyConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0];
    const field = first && first.path.length ? first.path.join('.') : '(root)';
    const more = issues.length > 1 ? ` (+${issues.length - 1} more: ${issues.slice(1, 4).map((i) => i.path.join('.') || '(root)').join(', ')})` : '';
    throw new InvalidOptionError(`invalid study file: ${field}: ${first?.message ?? 'invalid'}${more}`, { file, field, expected: 'a study file matching analyses/study.schema.json' });
  }
  return parsed.data;
}

export function loadStudyConfig(path: string): StudyConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new InvalidOptionError('cannot read study file', { file: path, cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new InvalidOptionError('study file is not valid JSON', { file: path, cause });
  }
  return parseStudyConfig(data, path);
}

/** Relative paths in a study file (data root, model path, `flores:DIR`) are relative to the repository root (cwd), not the file. */
export function resolveStudyPath(path: string, base = process.cwd()): string {
  return isAbsolute(path) ? path : resolve(base, path);
}
