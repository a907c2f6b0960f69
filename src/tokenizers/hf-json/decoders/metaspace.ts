/**
 * Decoding for SentencePiece-style vocabularies (`Metaspace` + `ByteFallback` decoders): runs
 * of `<0xNN>` pieces become their UTF-8 text, `▁` becomes a space, and the dummy-prefix space
 * at the very start is dropped.
 */
const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;
const decoder = new TextDecoder();

export function metaspaceDecode(pieces: readonly string[], replacement: string, dropLeadingSpace: boolean): string {
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length) out += decoder.decode(Uint8Array.from(bytes));
    bytes = [];
  };
  for (const p of pieces) {
    const m = BYTE_PIECE.exec(p);
    if (m) {
      bytes.push(parseInt(m[1], 16));
      continue;
    }
    flush();
    out += p.split(replacement).join(' ');
  }
  flush();
  return dropLeadingSpace && out.startsWith(' ') ? out.slice(1) : out;
}

export function isBytePiece(piece: string): boolean {
  return BYTE_PIECE.test(piece);
}
