/** Split text into lines (LF or CRLF), keeping 1-based numbering; a final newline adds no line. */
export function _splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
