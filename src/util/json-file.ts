/**
 * A JSON file a tool wrote beside a model or run (configs, adapters, checkpoint indexes, cell
 * metadata): parsed, or one error naming the file. Missing is a missing resource (exit 3);
 * unreadable or not JSON is bad input that says what the file should be.
 */
import { readFileSync } from 'node:fs';
import { BadInputError, unreadableFile } from '../errors.js';

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw unreadableFile(file, cause, what);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new BadInputError(`${what} is not valid JSON`, { file, expected: `a JSON ${what}`, cause });
  }
}
