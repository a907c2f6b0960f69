/**
 * Inputs and outputs of the report layer. Plain data only: the report does not depend on how
 * corpora, tokenizers or statistics are implemented, so any stage can feed it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatRow } from '../tables/tidy.js';
import type { OverlapRow } from '../tables/overlap.js';
import type { TokenKind } from '../tokenizers/types.js';

/** What the report needs to know about a language (name, codes, grouping, map position). */
export interface LanguageMeta {
  /** The code used in `StatRow.language` (corpus code: `eng_Latn`, `eng`, UDHR code …). */
  code: string;
  /** Display name (`English`). */
  name: string;
  /** Other codes shown in tooltips and the table (ISO 639-3, BCP 47 …). */
  codes?: Record<string, string>;
  /** ISO 15924 script (`Latn`, `Cyrl`); `unknown` when absent. */
  script?: string;
  /** Resource tier (e.g. Joshi et al.'s 0–5, or `high`/`low`); `unknown` when absent. */
  tier?: string;
  /** Decimal degrees; a language without both is left off the map and listed under it. */
  latitude?: number | null;
  longitude?: number | null;
}

/** One token of an example segmentation; `start`/`end` are UTF-16 offsets into `text`. */
export interface ExampleToken {
  piece: string;
  kind: TokenKind;
  start: number;
  end: number;
}

export interface ExampleSegmentation {
  language: string;
  tokenizer: string;
  text: string;
  tokens: ExampleToken[];
}

export interface ReportFileHash {
  path: string;
  sha256: string;
}

/** Where the numbers came from, printed in every report header. */
export interface ReportProvenance {
  /** tokgap version. */
  version: string;
  /** ISO 8601 date-time of the run. */
  date: string;
  /** The exact command line. */
  command: string;
  /** `note` says why a tokenizer has no files (packaged ranks, or not found where the report was built). */
  tokenizers: { spec: string; files: ReportFileHash[]; note?: string }[];
  corpus?: { spec: string; size: string };
  languages?: string[];
  /** Input files the report was built from (a results file …), each with its content hash. */
  inputs?: (ReportFileHash & { role: string })[];
}

export type ColorBy = 'script' | 'tier';

export interface TokenizationReportInput {
  title?: string;
  rows: readonly StatRow[];
  languages: readonly LanguageMeta[];
  examples?: readonly ExampleSegmentation[];
  provenance: ReportProvenance;
  /** JSD between language pairs per tokenizer (overlap.csv): drawn as clustered heatmaps. */
  overlap?: readonly OverlapRow[];
}

export interface TokenizationReportOptions {
  /** File stem of every output (`<name>.html`, `<name>-<chart>.vl.json`, `<name>-<chart>.svg`). Default `tokenization`. */
  name?: string;
  /** Metric that colours the world map. Default `fertility`. */
  mapMetric?: string;
  /** Bar colour: script or resource tier. Default `script`. */
  colorBy?: ColorBy;
  /** Also write an SVG per chart (default true). */
  svg?: boolean;
  /**
   * Compact view of the per-language bars: only the N highest and N lowest languages, plus a
   * per-script summary. Default: 25 when there are more than COMPACT_ABOVE languages, else all; 0 = all.
   */
  barLimit?: number;
}

/** A chart section: `id` names its files (`<name>-<id>.vl.json`). */
export interface ChartSection {
  kind: 'chart';
  id: string;
  title?: string;
  /** Plain text shown under the chart (e.g. languages left off). */
  caption?: string;
  spec: TopLevelSpec;
}

export interface TableColumn {
  key: string;
  label: string;
  /** Numeric columns sort by number and put missing values last. */
  numeric?: boolean;
  /** Unit shown in the header (`tokens/word`, `%`). */
  unit?: string;
}

export type TableCell = string | number | null;

/** A sortable table; numeric cells are shown with `format` (default: up to 3 decimals, `—` for missing). */
export interface TableSection {
  kind: 'table';
  id: string;
  title?: string;
  columns: TableColumn[];
  rows: Record<string, TableCell>[];
  format?: (key: string, value: TableCell) => string;
  /** A search box above the table that hides rows not containing the typed text (any column). */
  searchable?: boolean;
}

/** Trusted HTML written by a builder of this layer (escape user text before putting it here). */
export interface HtmlSection {
  kind: 'html';
  title?: string;
  html: string;
}

export type ReportSection = ChartSection | TableSection | HtmlSection;

export interface Report {
  title: string;
  provenance: ReportProvenance;
  sections: ReportSection[];
}

export interface ReportRenderOptions {
  /** File stem, default `report`. */
  name?: string;
  /** Also write an SVG per chart (default true). */
  svg?: boolean;
}

/** Paths written by a render. */
export interface ReportFiles {
  html: string;
  specs: Record<string, string>;
  svgs: Record<string, string>;
}
