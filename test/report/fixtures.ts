/**
 * Hand-written inputs for the report tests. Values are chosen so the expected order and the
 * printed forms can be worked out by hand (see the comments).
 */
import type { StatRow } from '../../src/tables/tidy.js';
import type { ExampleSegmentation, LanguageMeta, ReportProvenance } from '../../src/report/index.js';

export const LANGUAGES: LanguageMeta[] = [
  { code: 'eng', name: 'English', codes: { iso639_3: 'eng', bcp47: 'en' }, script: 'Latn', tier: 'T1', latitude: 53, longitude: -1 },
  { code: 'rus', name: 'Russian', codes: { iso639_3: 'rus' }, script: 'Cyrl', tier: 'T1', latitude: 59, longitude: 50 },
  { code: 'hin', name: 'Hindi', codes: { iso639_3: 'hin' }, script: 'Deva', tier: 'T3', latitude: 25, longitude: 77 },
  { code: 'tha', name: 'Thai', codes: { iso639_3: 'tha' }, script: 'Thai', tier: 'T3', latitude: 15, longitude: 101 },
  // No coordinates: must be left off the map and listed under it.
  { code: 'grc', name: 'Ancient Greek', codes: { iso639_3: 'grc' }, script: 'Grek', tier: 'not in XGLM' },
  { code: 'swh', name: 'Swahili', codes: { iso639_3: 'swh' }, script: 'Latn', tier: 'T4', latitude: -8.26, longitude: 37.62 },
];

/**
 * Tokenizer `spm-a` fertility: eng 1.25, rus 2.5, hin 4.125, tha NaN (missing), grc 3, swh 1.75.
 * Sorted largest first: hin, grc, rus, swh, eng; tha is missing.
 * Premium = tokens / tokens(eng): tokens eng 100, rus 200, hin 330, tha 500, grc 240, swh null.
 */
export const FERTILITY_A: Record<string, number> = { eng: 1.25, rus: 2.5, hin: 4.125, tha: NaN, grc: 3, swh: 1.75 };
export const TOKENS_A: Record<string, number | null> = { eng: 100, rus: 200, hin: 330, tha: 500, grc: 240, swh: null };
/** `spm-b`: fertility ×0.8 of `spm-a` except hin (null): eng 1, rus 2, hin missing, tha missing, grc 2.4, swh 1.4. */
export const FERTILITY_B: Record<string, number | null> = { eng: 1, rus: 2, hin: null, tha: NaN, grc: 2.4, swh: 1.4 };

function row(tokenizer: string, language: string, metric: StatRow['metric'], value: number | null): StatRow {
  return { tokenizer, corpus: 'udhr', language, metric, value, word_source: 'segmenter' };
}

export function rowsA(): StatRow[] {
  const rows: StatRow[] = [];
  for (const l of LANGUAGES) {
    const tokens = TOKENS_A[l.code] ?? null;
    rows.push(row('spm-a', l.code, 'tokens', tokens));
    rows.push(row('spm-a', l.code, 'fertility', FERTILITY_A[l.code]!));
    rows.push(row('spm-a', l.code, 'premium', tokens === null ? null : tokens / 100));
    rows.push(row('spm-a', l.code, 'unk_rate', l.code === 'tha' ? 0.0125 : 0));
    rows.push(row('spm-a', l.code, 'byte_fallback_rate', l.code === 'grc' ? 0.05 : 0));
  }
  return rows;
}

export function rowsAB(): StatRow[] {
  const rows = rowsA();
  for (const l of LANGUAGES) rows.push(row('spm-b', l.code, 'fertility', FERTILITY_B[l.code] ?? null));
  return rows;
}

/**
 * "Hi wörld ☃": pieces ▁Hi | ▁w | <0xC3> <0xB6> (both on "ö") | rld | ▁ | <unk> (on "☃").
 * Six boxes on screen, seven tokens.
 */
export const EXAMPLE: ExampleSegmentation = {
  language: 'eng',
  tokenizer: 'spm-a',
  text: 'Hi wörld ☃',
  tokens: [
    { piece: '▁Hi', kind: 0, start: 0, end: 2 },
    { piece: '▁w', kind: 0, start: 2, end: 4 },
    { piece: '<0xC3>', kind: 2, start: 4, end: 5 },
    { piece: '<0xB6>', kind: 2, start: 4, end: 5 },
    { piece: 'rld', kind: 0, start: 5, end: 8 },
    { piece: '▁', kind: 0, start: 8, end: 9 },
    { piece: '<unk>', kind: 1, start: 9, end: 10 },
  ],
};

export const PROVENANCE: ReportProvenance = {
  version: '0.1.0',
  date: '2026-01-02T03:04:05.000Z',
  command: 'analyze tokenization --tokenizer spm:a.model --corpus udhr --format html',
  tokenizers: [{ spec: 'spm:a.model', files: [{ path: 'a.model', sha256: 'ab'.repeat(32) }] }],
  corpus: { spec: 'udhr', size: '6 languages, 30 paragraphs' },
  languages: LANGUAGES.map((l) => l.code),
};
