/** `analyze report`: rebuild the tokenization report from a saved tidy table. */
import type { ReportFiles, TokenizationReportOptions } from './types.js';
import { loadReportInput, type LoadedReportInput } from './load.js';
import { renderTokenizationReport } from './tokenization.js';

export interface SavedReportOptions extends TokenizationReportOptions {
  /** The command line, recorded as provenance when no provenance.json was saved. */
  command: string;
  title?: string;
}

export interface SavedReportResult {
  files: ReportFiles;
  read: LoadedReportInput['files'];
  rows: number;
  languages: number;
  tokenizers: number;
}

export async function renderSavedTokenizationReport(
  inputPath: string,
  outDir: string,
  options: SavedReportOptions,
): Promise<SavedReportResult> {
  const { input, files: read } = loadReportInput(inputPath, options.command);
  const { command: _command, title, ...rest } = options;
  const files = await renderTokenizationReport({ ...input, ...(title ? { title } : {}) }, outDir, rest);
  return {
    files,
    read,
    rows: input.rows.length,
    languages: new Set(input.rows.map((r) => r.language)).size,
    tokenizers: new Set(input.rows.map((r) => r.tokenizer)).size,
  };
}
