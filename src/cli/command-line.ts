/**
 * The command line as the user typed it (shell-quoted where needed), for report provenance:
 * `analyze tokenization --langs 'en,de zh'`.
 */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  return ['analyze', ...argv].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
