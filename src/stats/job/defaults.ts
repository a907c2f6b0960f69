/** The tokenization job's option defaults, apart from the job so the CLI can show them without loading it. */
export const TOKENIZATION_FORMATS = ['csv', 'json', 'html'] as const;
export type TokenizationFormat = (typeof TOKENIZATION_FORMATS)[number];
export const DEFAULT_OUT_DIR = 'reports/tokenization';
export const DEFAULT_ALPHA = 2.5;
