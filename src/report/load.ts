/**
 * Read what `analyze tokenization` saved (a tidy CSV or JSON, with optional `provenance.json`,
 * `languages.json` and `examples.json` beside it) back into a `TokenizationReportInput`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readStatsTable, strictValue } from '../correlation/stats-input.js';
import { readTableFile } from '../tables/table-file.js';
import { z } from 'zod';
import { BadInputError, MissingFileError, unreadableFile } from '../errors.js';
import type { StatRow } from '../tables/tidy.js';
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

/** Read a tidy stats table strictly: CSV with a header row, or JSON (an array of rows, `{rows: [...]}`, or Arquero's column form). */
export function loadStatRows(path: string): StatRow[] {
  return readStatsTable(path, { strict: true });
}

/** Read overlap.csv / overlap.json (tokenizer, language_a, language_b, jsd) through the one table reader; an empty jsd is null. */
export function loadOverlapRows(path: string): OverlapRow[] {
  return readTableFile(path).map(({ value: values, line }) => {
    for (const c of OVERLAP_COLUMNS) {
      if (!(c in values)) throw new BadInputError(`missing column "${c}"`, { file: path, line, field: c, expected: `columns ${OVERLAP_COLUMNS.join(', ')}` });
    }
    const jsd = strictValue(values.jsd, path, line, 'jsd');
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
