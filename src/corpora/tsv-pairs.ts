/**
 * The text fields of XNLI (`premise, hypothesis, label`) and PAWS-X (`sentence1, sentence2, label`)
 * TSV files laid out as DIR/<lang>/{dev,test}.tsv. Rows align across languages (XNLI is 15-way
 * parallel); segment ids are `<split>:<row>:<field>`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../errors.js';
import { MissingLanguageError } from './errors.js';
import { readUtf8File, splitLines } from './read-text.js';
import type { Corpus, LanguageText, Segment } from './types.js';

const FIELDS = { xnli: ['premise', 'hypothesis'], pawsx: ['sentence1', 'sentence2'] } as const;
const SPLITS = ['dev', 'test'] as const;

export function openTsvPairs(kind: 'xnli' | 'pawsx', dir: string, spec = `${kind}:${dir}`): Corpus {
  if (!existsSync(dir)) throw new BadInputError('corpus directory not found', { file: dir, expected: `a ${kind} folder with <lang>/{dev,test}.tsv` });
  const codes = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort();
  const fields = FIELDS[kind];
  return {
    spec,
    kind,
    parallel: kind === 'xnli',
    languages: () => codes,
    read(language: string): LanguageText {
      const segments: Segment[] = [];
      let found = 0;
      for (const split of SPLITS) {
        const file = join(dir, language, `${split}.tsv`);
        if (!existsSync(file)) continue;
        found++;
        splitLines(readUtf8File(file)).forEach((line, i) => {
          const cols = line.split('\t');
          if (cols.length !== 3) {
            throw new BadInputError(`expected 3 tab-separated columns, found ${cols.length}`, { file, line: i + 1, expected: `${fields.join(', ')}, label` });
          }
          fields.forEach((field, f) => {
            if (cols[f].trim() === '') throw new BadInputError('empty text', { file, line: i + 1, field });
            segments.push({ id: `${split}:${i + 1}:${field}`, text: cols[f] });
          });
        });
      }
      if (found === 0) throw new MissingLanguageError(language, join(dir, language), 'dev.tsv or test.tsv');
      return { language, segments, wordSource: 'segmenter', locale: language };
    },
  };
}
