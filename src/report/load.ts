/**
 * Read what `analyze tokenization` saved (a tidy CSV or JSON, with optional `provenance.json`,
 * `languages.json` and `examples.json` beside it) back into a `TokenizationReportInput`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { parseCsv } from '../correlation/csv.js';
import { z } from 'zod';
import { BadInputError, MissingFileError, unreadableFile } from '../errors.js';
import { METRIC_NAMES, type StatRow } from '../tables/tidy.js';
import { TIDY_BASE_COLUMNS } from '../tables/write.js';
import { OVERLAP_COLUMNS, type OverlapRow } from '../tables/overlap.js';
import { parseWithSchema } from '../util/parse-schema.js';
import type { ExampleSegmentation, LanguageMeta, ReportProvenance, TokenizationReportInput } from './types.js';
import { languageMetaForAll } from './languages.js';
import { unknownProvenance } from './provenance.js';

/** File names tried, in order, when `--input` is a folder. */
export const STATS_FILE_NAMES = ['stats.csv', 'stats.json', 'tokenization.csv', 'tokenization.json'] as const;

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw unreadableFile(path, cause);
  }
}

/** `''`, `NaN`, `null`, `NA` → null (missing), else a finite number or an error naming the line. */
function parseValue(raw: unknown, file: string, line: number): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = String(raw).trim();
  if (text === '' || /^(nan|null|na|none)$/i.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new BadInputError(`value "${text}" is not a number`, { file, line, field: 'value', expected: 'a number, or empty/NaN for missing' });
  return value;
}

function toStatRow(raw: Record<string, unknown>, file: string, line: number): StatRow {
  for (const c of TIDY_BASE_COLUMNS) {
    if (!(c in raw)) throw new BadInputError(`missing column "${c}"`, { file, line, field: c, expected: `columns ${TIDY_BASE_COLUMNS.join(', ')}` });
  }
  const metric = String(raw.metric);
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new BadInputError(`unknown metric "${metric}"`, { file, line, field: 'metric', expected: `one of ${METRIC_NAMES.join(', ')}` });
  }
  const wordSource = String(raw.word_source);
  if (wordSource !== 'gold' && wordSource !== 'segmenter') {
    throw new BadInputError(`unknown word_source "${wordSource}"`, { file, line, field: 'word_source', expected: 'gold or segmenter' });
  }
  return {
    tokenizer: String(raw.tokenizer),
    corpus: String(raw.corpus),
    language: String(raw.language),
    metric: metric as StatRow['metric'],
    value: parseValue(raw.value, file, line),
    word_source: wordSource,
    // The interval columns are an extension: tables written before them load without.
    value_low: 'value_low' in raw ? parseValue(raw.value_low, file, line) : null,
    value_high: 'value_high' in raw ? parseValue(raw.value_high, file, line) : null,
  };
}

/** Arquero's `toJSON()` form, `{schema, data: {column: values[]}}`, as row objects (undefined if not that form). */
function columnsToRows(parsed: unknown): Record<string, unknown>[] | undefined {
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const columns = Object.entries(data as Record<string, unknown>);
  if (!columns.every(([, v]) => Array.isArray(v))) return undefined;
  const n = columns.length ? (columns[0]![1] as unknown[]).length : 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map(([k, v]) => [k, (v as unknown[])[i]])));
}

/** Read a tidy stats table: CSV with a header row, or JSON (an array of rows, `{rows: [...]}`, or Arquero's column form). */
export function loadStatRows(path: string): StatRow[] {
  const text = readText(path);
  if (extname(path).toLowerCase() === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new BadInputError('not valid JSON', { file: path, cause });
    }
    const rows = Array.isArray(parsed) ? parsed : ((parsed as { rows?: unknown } | null)?.rows ?? columnsToRows(parsed));
    if (!Array.isArray(rows)) {
      throw new BadInputError('no rows', { file: path, expected: 'a JSON array of stats rows, {"rows": [...]}, or Arquero\'s {"data": {column: [...]}}' });
    }
    // JSON has no lines per row; the row's 1-based index is reported as the line.
    return rows.map((r, i) => toStatRow((r ?? {}) as Record<string, unknown>, path, i + 1));
  }
  if (text.trim() === '') return [];
  // One CSV reader for every table: strings kept as typed (UDHR's `007` stays a string), and a row
  // with the wrong number of fields is an error naming its line.
  const { header, records } = parseCsv(text, path);
  for (const c of TIDY_BASE_COLUMNS) {
    if (!header.includes(c)) throw new BadInputError(`missing column "${c}"`, { file: path, line: 1, field: c, expected: `a header with ${TIDY_BASE_COLUMNS.join(', ')}` });
  }
  return records.map((r) => toStatRow(r.values, path, r.line));
}

/** Read overlap.csv / overlap.json (tokenizer, language_a, language_b, jsd); an empty jsd is null. */
export function loadOverlapRows(path: string): OverlapRow[] {
  const text = readText(path);
  let records: { values: Record<string, unknown>; line: number }[];
  if (extname(path).toLowerCase() === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new BadInputError('not valid JSON', { file: path, cause });
    }
    const rows = Array.isArray(parsed) ? parsed : columnsToRows(parsed);
    if (!Array.isArray(rows)) throw new BadInputError('no rows', { file: path, expected: `an array of {${OVERLAP_COLUMNS.join(', ')}} rows, or Arquero's column form` });
    records = rows.map((r, i) => ({ values: (r ?? {}) as Record<string, unknown>, line: i + 1 }));
  } else {
    if (text.trim() === '') return [];
    records = parseCsv(text, path).records;
  }
  return records.map(({ values, line }) => {
    for (const c of OVERLAP_COLUMNS) {
      if (!(c in values)) throw new BadInputError(`missing column "${c}"`, { file: path, line, field: c, expected: `columns ${OVERLAP_COLUMNS.join(', ')}` });
    }
    const jsd = parseValue(values.jsd, path, line);
    if (jsd !== null && (jsd < 0 || jsd > 1)) throw new BadInputError(`jsd ${jsd} is outside [0, 1]`, { file: path, line, field: 'jsd', expected: 'a Jensen–Shannon divergence in bits, 0 … 1' });
    return { tokenizer: String(values.tokenizer), language_a: String(values.language_a), language_b: String(values.language_b), jsd };
  });
}

const ProvenanceSchema = z.object({
  version: z.string(),
  date: z.string(),
  command: z.string(),
  tokenizers: z.array(z.object({ spec: z.string(), files: z.array(z.object({ path: z.string(), sha256: z.string() })), note: z.string().optional() })),
  corpus: z.object({ spec: z.string(), size: z.string() }).optional(),
  languages: z.array(z.string()).optional(),
});

const LanguageMetaSchema = z.object({
  code: z.string(),
  name: z.string(),
  codes: z.record(z.string(), z.string()).optional(),
  script: z.string().optional(),
  tier: z.string().optional(),
  latitude: z.number().nullable().optional(),
  longitude: z.number().nullable().optional(),
});

const ExampleSchema = z.object({
  language: z.string(),
  tokenizer: z.string(),
  text: z.string(),
  tokens: z.array(
    z.object({ piece: z.string(), kind: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]), start: z.number().int(), end: z.number().int() }),
  ),
});

function readJsonFile<T>(path: string, schema: z.ZodType<T>, expected: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path));
  } catch (cause) {
    if (cause instanceof BadInputError) throw cause;
    throw new BadInputError('not valid JSON', { file: path, cause });
  }
  return parseWithSchema(schema, parsed, (message, field) => new BadInputError(message, { file: path, field: field ?? '', expected }));
}

/** The stats file: `path` itself, or the first of `STATS_FILE_NAMES` (else the only .csv/.json) in a folder. */
export function findStatsFile(path: string): string {
  if (!existsSync(path)) throw new MissingFileError('no such file or folder', { file: path, field: 'input' });
  if (!statSync(path).isDirectory()) return path;
  for (const name of STATS_FILE_NAMES) if (existsSync(join(path, name))) return join(path, name);
  const sidecars = new Set(['provenance.json', 'languages.json', 'examples.json', 'overlap.csv', 'overlap.json', 'allocation.csv', 'allocation.json']);
  const candidates = readdirSync(path).filter((n) => /\.(csv|json)$/i.test(n) && !sidecars.has(n) && !n.endsWith('.vl.json'));
  if (candidates.length === 1) return join(path, candidates[0]!);
  throw new BadInputError(candidates.length ? 'several tables in the folder; name one' : 'no stats table in the folder', {
    file: path,
    field: 'input',
    expected: `${STATS_FILE_NAMES.join(' or ')}, or a path to the table`,
  });
}

export interface LoadedReportInput {
  input: TokenizationReportInput;
  /** The files that were read, for messages. */
  files: { stats: string; provenance?: string; languages?: string; examples?: string; overlap?: string };
}

/**
 * Load a saved tokenization result for `analyze report`. Language metadata comes from a
 * `languages.json` beside the table when present, else from tokgap's language table and UDHR.
 */
export function loadReportInput(path: string, command: string): LoadedReportInput {
  const stats = findStatsFile(path);
  const dir = dirname(stats);
  const rows = loadStatRows(stats);
  const files: LoadedReportInput['files'] = { stats };
  const beside = (name: string): string | undefined => (existsSync(join(dir, name)) ? join(dir, name) : undefined);

  let provenance: ReportProvenance = unknownProvenance(command);
  const provenanceFile = beside('provenance.json');
  if (provenanceFile) {
    provenance = readJsonFile(provenanceFile, ProvenanceSchema, 'a ReportProvenance object') as ReportProvenance;
    files.provenance = provenanceFile;
  }
  const codes = [...new Set(rows.map((r) => r.language))];
  let languages: LanguageMeta[];
  const languagesFile = beside('languages.json');
  if (languagesFile) {
    const given = readJsonFile(languagesFile, z.array(LanguageMetaSchema), 'an array of LanguageMeta objects') as LanguageMeta[];
    const known = new Set(given.map((l) => l.code));
    languages = [...given, ...languageMetaForAll(codes.filter((c) => !known.has(c)))];
    files.languages = languagesFile;
  } else {
    languages = languageMetaForAll(codes);
  }
  let examples: ExampleSegmentation[] | undefined;
  const examplesFile = beside('examples.json');
  if (examplesFile) {
    examples = readJsonFile(examplesFile, z.array(ExampleSchema), 'an array of example segmentations') as ExampleSegmentation[];
    files.examples = examplesFile;
  }
  let overlap: OverlapRow[] | undefined;
  const overlapFile = beside('overlap.csv') ?? beside('overlap.json');
  if (overlapFile) {
    overlap = loadOverlapRows(overlapFile);
    files.overlap = overlapFile;
  }
  return { input: { rows, languages, provenance, ...(examples ? { examples } : {}), ...(overlap ? { overlap } : {}) }, files };
}
