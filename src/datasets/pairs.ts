import { DatasetFormatError } from './errors.js';
import { parsePairTsv } from '../corpora/tsv-pairs.js';
import { splitLines } from '../corpora/read-text.js';
import type { PairExample } from './types.js';

/**
 * XTREME-style pair TSV (the files in shared/data/xnli and shared/data/pawsx): no header,
 * `sentence1<TAB>sentence2<TAB>label` per line, read by corpora's `parsePairTsv`. Labels outside
 * `labels` are errors.
 */
export function fromPairTsv(text: string, file: string, labels: readonly string[]): PairExample[] {
  return parsePairTsv(text, file, { error: (message, fields) => new DatasetFormatError(message, fields) }).map(({ line, sentence1, sentence2, label }) =>
    ({ sentence1, sentence2, label: checkLabel(label.trim(), labels, file, line, 'label'), line }));
}

/**
 * A TSV with a header row naming its columns (official XNLI `xnli.test.tsv`, PAWS-X `test_2k.tsv`).
 * `columns` names the header fields for sentence1, sentence2 and label; `language` (optional) keeps
 * only rows whose `language` column equals it.
 */
export function fromHeaderTsv(
  text: string,
  file: string,
  labels: readonly string[],
  columns: { sentence1: string; sentence2: string; label: string },
  language?: string,
): PairExample[] {
  const lines = splitLines(text);
  if (lines.length === 0) throw new DatasetFormatError('empty file, expected a header row', { file, line: 1 });
  const header = lines[0]!.split('\t').map((h) => h.trim());
  const col = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) throw new DatasetFormatError(`header has no column "${name}"`, { file, line: 1, field: name, expected: `a header with ${name}` });
    return at;
  };
  const i1 = col(columns.sentence1);
  const i2 = col(columns.sentence2);
  const il = col(columns.label);
  const ilang = language !== undefined ? col('language') : -1;
  const rows: PairExample[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (raw.trim() === '') continue;
    const cells = raw.split('\t');
    if (cells.length < header.length) {
      throw new DatasetFormatError(`expected ${header.length} columns, found ${cells.length}`, { file, line });
    }
    if (ilang >= 0 && cells[ilang] !== language) continue;
    rows.push({
      sentence1: cells[i1]!,
      sentence2: cells[i2]!,
      label: checkLabel(cells[il]!.trim(), labels, file, line, columns.label),
      line,
    });
  }
  return rows;
}

/** Official XNLI JSON Lines (`xnli.test.jsonl`): keys sentence1, sentence2, gold_label, language. */
export function fromXnliJsonl(text: string, file: string, labels: readonly string[], language?: string): PairExample[] {
  const rows: PairExample[] = [];
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (cause) {
      throw new DatasetFormatError('not valid JSON', { file, line, cause, expected: 'one JSON object per line' });
    }
    const rec = obj as Record<string, unknown>;
    for (const key of ['sentence1', 'sentence2', 'gold_label'] as const) {
      if (typeof rec[key] !== 'string') {
        throw new DatasetFormatError(`missing string field "${key}"`, { file, line, field: key, expected: 'a string' });
      }
    }
    if (language !== undefined && rec['language'] !== language) return;
    rows.push({
      sentence1: rec['sentence1'] as string,
      sentence2: rec['sentence2'] as string,
      label: checkLabel((rec['gold_label'] as string).trim(), labels, file, line, 'gold_label'),
      line,
    });
  });
  return rows;
}

export function checkLabel(label: string, labels: readonly string[], file: string, line: number, field: string): string {
  if (!labels.includes(label)) {
    throw new DatasetFormatError(`label "${label}" is not in the label set`, {
      file, line, field, expected: `one of ${labels.join(', ')}`,
    });
  }
  return label;
}
