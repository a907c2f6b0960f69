/** `text:DIR`: one UTF-8 file per language, file stem = language code, one segment per non-empty line. */
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { BadInputError } from '../errors.js';
import { MissingLanguageError } from './errors.js';
import { readUtf8File, splitLines } from './read-text.js';
import type { Corpus, LanguageText, Segment } from './types.js';

export function openTextDir(dir: string, spec = `text:${dir}`): Corpus {
  if (!existsSync(dir)) throw new BadInputError('corpus directory not found', { file: dir, expected: 'a folder of <language>.txt files' });
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const stem = extname(name) ? name.slice(0, -extname(name).length) : name;
    if (!files.has(stem)) files.set(stem, join(dir, name));
  }
  // Lines are aligned by number, so parallel line-per-sentence files give a usable premium.
  return {
    spec,
    kind: 'text',
    parallel: true,
    languages: () => [...files.keys()].sort(),
    read(language: string): LanguageText {
      const file = files.get(language);
      if (!file) throw new MissingLanguageError(language, dir, `${language}.txt`);
      const segments: Segment[] = [];
      splitLines(readUtf8File(file)).forEach((line, i) => {
        if (line.trim() !== '') segments.push({ id: `line:${i + 1}`, text: line });
      });
      return { language, segments, wordSource: 'segmenter', locale: language.replace(/_/g, '-') };
    },
  };
}
