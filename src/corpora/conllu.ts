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
  splitLines(source).forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return flush();
    if (line.startsWith('#')) {
      const m = /^#\s*(text|sent_id)\s*=\s?(.*)$/.exec(line);
      if (m?.[1] === 'text') text = m[2];
      else if (m?.[1] === 'sent_id') sentId = m[2].trim();
      if (startLine === 0) startLine = lineNo;
      return;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) {
      throw new BadInputError(`expected 10 tab-separated columns, found ${cols.length}`, { file, line: lineNo, expected: 'ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC' });
    }
    if (startLine === 0) startLine = lineNo;
    if (cols[0].includes('-') || cols[0].includes('.')) return;
    words.push(cols[1]);
    spaceAfter.push(!/(^|\|)SpaceAfter=No(\||$)/.test(cols[9]));
  });
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
