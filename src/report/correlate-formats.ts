/** Output formats of `analyze correlate`, in a module of their own so the CLI builder loads nothing heavy. */
export const CORRELATE_OUTPUT_FORMATS = ['csv', 'json', 'html'] as const;
export type CorrelateOutputFormat = (typeof CORRELATE_OUTPUT_FORMATS)[number];
