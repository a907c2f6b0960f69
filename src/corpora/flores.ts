/**
 * FLORES-200 layout: DIR/dev/<code>.dev and DIR/devtest/<code>.devtest, one sentence per line,
 * line-aligned across languages. Segment ids are `dev:N` / `devtest:N` (1-based lines).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../errors.js';
import { MissingLanguageError } from './errors.js';
import { readUtf8File, splitLines } from './read-text.js';
import type { Corpus, LanguageText, Segment } from './types.js';

const SPLITS = ['dev', 'devtest'] as const;

function listCodes(dir: string): string[] {
  const codes = new Set<string>();
  for (const split of SPLITS) {
    const sub = join(dir, split);
    if (!existsSync(sub)) continue;
    for (const name of readdirSync(sub)) if (name.endsWith(`.${split}`)) codes.add(name.slice(0, -split.length - 1));
  }
  return [...codes].sort();
}

/** FLORES codes are `<iso639-3>_<Script>`; Intl.Segmenter wants a BCP-47 tag. */
export function floresLocale(code: string): string {
  const [lang, script] = code.split('_');
  return script ? `${lang}-${script}` : lang;
}

export function openFlores(dir: string, spec = `flores:${dir}`): Corpus {
  if (!existsSync(dir)) throw new BadInputError('corpus directory not found', { file: dir, expected: 'a FLORES-200 folder with dev/ and devtest/' });
  const codes = listCodes(dir);
  if (codes.length === 0) throw new BadInputError('no FLORES files found', { file: dir, expected: 'dev/<code>.dev and devtest/<code>.devtest' });
  return {
    spec,
    kind: 'flores',
    parallel: true,
    languages: () => codes,
    read(language: string): LanguageText {
      const segments: Segment[] = [];
      let found = 0;
      for (const split of SPLITS) {
        const file = join(dir, split, `${language}.${split}`);
        if (!existsSync(file)) continue;
        found++;
        splitLines(readUtf8File(file)).forEach((line, i) => {
          if (line.trim() === '') throw new BadInputError('empty text', { file, line: i + 1, expected: 'one non-empty sentence per line' });
          segments.push({ id: `${split}:${i + 1}`, text: line });
        });
      }
      if (found === 0) throw new MissingLanguageError(language, dir, `dev/${language}.dev or devtest/${language}.devtest`);
      return { language, segments, wordSource: 'segmenter', locale: floresLocale(language) };
    },
  };
}
