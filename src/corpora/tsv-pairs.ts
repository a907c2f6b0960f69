/**
 * The text fields of XNLI (`premise, hypothesis, label`) and PAWS-X (`sentence1, sentence2, label`)
 * TSV files laid out as DIR/<lang>/{dev,test}.tsv. Rows align across languages (XNLI is 15-way
 * parallel); segment ids are `<split>:<row>:<field>`.
 *
 * `parsePairTsv` is the one reader of these lines (no header, `sentence1<TAB>sentence2<TAB>label`;
 * blank lines skipped): the corpus takes the two texts, the task data reader (`datasets/pairs.ts`)
 * the label too.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError, type TokgapError, type TokgapErrorFields } from '../errors.js';
import { MissingLanguageError } from './errors.js';
import { readUtf8File, splitLines } from './read-text.js';
import type { Corpus, LanguageText, Segment } from './types.js';

export interface PairTsvRow {
  /** 1-based line in the file. */
  line: number;
  sentence1: string;
  sentence2: string;
  /** As written (untrimmed). */
  label: string;
}

export interface PairTsvOptions {
  /** Builds the error of a malformed line (the stage's own error class); a `BadInputError` by default. */
  error?: (message: string, fields: TokgapErrorFields) => TokgapError;
  /** The line layout, in words, for messages. */
  expected?: string;
}

export function parsePairTsv(text: string, file: string, options: PairTsvOptions = {}): PairTsvRow[] {
  const error = options.error ?? ((message, fields) => new BadInputError(message, fields));
  const expected = options.expected ?? 'sentence1<TAB>sentence2<TAB>label';
  const rows: PairTsvRow[] = [];
  splitLines(text).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cols = raw.split('\t');
    if (cols.length !== 3) throw error(`expected 3 tab-separated columns, found ${cols.length}`, { file, line: i + 1, expected });
    rows.push({ line: i + 1, sentence1: cols[0]!, sentence2: cols[1]!, label: cols[2]! });
  });
  return rows;
}

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
        for (const row of parsePairTsv(readUtf8File(file), file, { expected: `${fields.join(', ')}, label` })) {
          [row.sentence1, row.sentence2].forEach((text, f) => {
            const field = fields[f]!;
            if (text.trim() === '') throw new BadInputError('empty text', { file, line: row.line, field });
            segments.push({ id: `${split}:${row.line}:${field}`, text });
          });
        }
      }
      if (found === 0) throw new MissingLanguageError(language, join(dir, language), 'dev.tsv or test.tsv');
      return { language, segments, wordSource: 'segmenter', locale: language };
    },
  };
}
