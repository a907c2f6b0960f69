/**
 * Strict UTF-8 file reading shared by every reader: invalid bytes are an error that names the
 * file and line (never silently replaced), and an empty file is an error too.
 */
import { readFileSync } from 'node:fs';
import { BadInputError, unreadableFile } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode bytes as UTF-8 or throw naming the 1-based line of the first invalid sequence. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new BadInputError('invalid UTF-8', { file, line: firstBadLine(bytes), expected: 'UTF-8 text', cause });
  }
}

/** A file's text as strict UTF-8 (BOM kept); an unreadable file is an error naming it. */
export function readUtf8Text(file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw unreadableFile(file, cause);
  }
  return decodeUtf8(bytes, file);
}

/** Read a whole file as strict UTF-8; BOM removed; an all-whitespace file is an error. */
export function readUtf8File(file: string): string {
  let text = readUtf8Text(file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new BadInputError('empty text', { file, expected: 'non-empty UTF-8 text' });
  return text;
}

/** Split into lines (LF or CRLF), dropping one trailing empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Decode line by line to find where the first invalid sequence sits. */
export function firstBadLine(bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line++;
    }
  }
  return line - 1;
}
