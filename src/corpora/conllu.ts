/**
 * `ud:DIR`: CoNLL-U files giving gold words. The language is the file-name prefix before the
 * first `_` (`en_pud-ud-test.conllu` → `en`); several files of one language are concatenated.
 * Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are skipped; `# text =` is the running text.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../errors.js';
import { MissingLanguageError } from './errors.js';
import { readUtf8File, splitLines } from './read-text.js';
import type { Corpus, LanguageText, Segment } from './types.js';

/** One line of a CoNLL-U file, classified; `line` is 1-based. */
export type ConlluLine =
  /** A blank line: the sentence ends. */
  | { kind: 'break'; line: number }
  /** `# text = …` / `# sent_id = …` give `name` and `value`; other comments neither. */
  | { kind: 'comment'; line: number; name?: 'text' | 'sent_id'; value?: string }
  /** A token line of exactly 10 columns; `word` is false for multiword ranges (`1-2`) and empty nodes (`1.1`). */
  | { kind: 'token'; line: number; cols: string[]; word: boolean };

/**
 * The CoNLL-U line structure both readers share (gold words here, UPOS tags in `src/datasets`).
 * A token line without 10 tab-separated columns throws `columnsError(message, line)`.
 */
export function* conlluLines(source: string, columnsError: (message: string, line: number) => Error): Generator<ConlluLine> {
  const lines = splitLines(source);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    if (raw.trim() === '') {
      yield { kind: 'break', line };
    } else if (raw.startsWith('#')) {
      const m = /^#\s*(text|sent_id)\s*=\s?(.*)$/.exec(raw);
      yield m ? { kind: 'comment', line, name: m[1] as 'text' | 'sent_id', value: m[2] } : { kind: 'comment', line };
    } else {
      const cols = raw.split('\t');
      if (cols.length !== 10) throw columnsError(`expected 10 tab-separated columns, found ${cols.length}`, line);
      yield { kind: 'token', line, cols, word: !(cols[0].includes('-') || cols[0].includes('.')) };
    }
  }
}

/** Parse one CoNLL-U file into sentences with gold words. */
export function parseConllu(source: string, file: string): Segment[] {
  const segments: Segment[] = [];
  let words: string[] = [];
  let spaceAfter: boolean[] = [];
  let text: string | undefined;
  let sentId: string | undefined;
  let startLine = 0;
  const flush = (): void => {
    if (words.length === 0) {
      text = undefined;
      sentId = undefined;
      startLine = 0;
      return;
    }
    const running = text ?? words.map((w, i) => w + (spaceAfter[i] && i < words.length - 1 ? ' ' : '')).join('');
    if (running.trim() === '') throw new BadInputError('empty text', { file, line: startLine, field: '# text' });
    segments.push({ id: sentId ?? `${file}:${startLine}`, text: running, words });
    words = [];
    spaceAfter = [];
    text = undefined;
    sentId = undefined;
    startLine = 0;
  };
  const columnsError = (message: string, line: number): Error =>
    new BadInputError(message, { file, line, expected: 'ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC' });
  for (const item of conlluLines(source, columnsError)) {
    if (item.kind === 'break') {
      flush();
      continue;
    }
    if (startLine === 0) startLine = item.line;
    if (item.kind === 'comment') {
      if (item.name === 'text') text = item.value;
      else if (item.name === 'sent_id') sentId = item.value!.trim();
    } else if (item.word) {
      words.push(item.cols[1]);
      spaceAfter.push(!/(^|\|)SpaceAfter=No(\||$)/.test(item.cols[9]));
    }
  }
  flush();
  return segments;
}

/** Language code of a CoNLL-U file name. */
export function conlluLanguage(fileName: string): string {
  return fileName.replace(/\.conllu$/, '').split(/[_-]/)[0];
}

export function openConllu(dir: string, spec = `ud:${dir}`): Corpus {
  if (!existsSync(dir)) throw new BadInputError('corpus directory not found', { file: dir, expected: 'a folder of .conllu files' });
  const files = new Map<string, string[]>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.conllu')) continue;
    const lang = conlluLanguage(name);
    files.set(lang, [...(files.get(lang) ?? []), join(dir, name)]);
  }
  return {
    spec,
    kind: 'ud',
    parallel: true,
    languages: () => [...files.keys()].sort(),
    read(language: string): LanguageText {
      const list = files.get(language);
      if (!list) throw new MissingLanguageError(language, dir, `${language}_*.conllu`);
      const segments = list.flatMap((file) => parseConllu(readUtf8File(file), file));
      if (segments.length === 0) throw new BadInputError('empty text', { file: list[0], expected: 'at least one sentence' });
      return { language, segments, wordSource: 'gold', locale: language };
    },
  };
}
