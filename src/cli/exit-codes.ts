/** Exit statuses by error code: 2 for bad input/options, 3 for missing resources, 1 otherwise. */
const EXIT_BY_CODE: Record<string, number> = {
  INVALID_OPTION: 2,
  BAD_INPUT: 2,
  UNKNOWN_LANGUAGE: 2,
  NOT_FOUND: 3,
  MISSING_PACKAGE: 3,
};

export function exitCodeFor(code: string): number {
  return EXIT_BY_CODE[code] ?? 2;
}
