/**
 * A tiny, fully predictable Tokenizer for statistics tests:
 * - a letter run found in `vocab` is one token;
 * - any other letter run is one token per character;
 * - characters in `unknown` become the unknown token; characters in `bytes` become one byte
 *   token per UTF-8 byte, all sharing that character's span (as byte fallback does);
 * - other non-space characters are one token each; whitespace produces no token;
 * - with `addSpecialTokens`, a Control token `<s>` (id 0) comes first with an empty span.
 * Ids are handed out in order of first appearance, so tests can reason about distinct ids.
 */
import { TokenKind, type Encoding, type Tokenizer } from '../../src/tokenizers/types.js';

export interface FakeTokenizerOptions {
  vocab?: string[];
  unknown?: string;
  bytes?: string;
  vocabSize?: number;
}

export function fakeTokenizer(options: FakeTokenizerOptions = {}): Tokenizer {
  const vocab = new Set(options.vocab ?? []);
  const unknownChars = new Set(options.unknown ?? '');
  const byteChars = new Set(options.bytes ?? '');
  const idOf = new Map<string, number>([['<s>', 0], ['<unk>', 1]]);
  const pieceOf = new Map<number, string>([[0, '<s>'], [1, '<unk>']]);
  const kindOfId = new Map<number, TokenKind>([[0, TokenKind.Control], [1, TokenKind.Unknown]]);
  const intern = (piece: string, kind: TokenKind): number => {
    let id = idOf.get(piece);
    if (id === undefined) {
      id = idOf.size;
      idOf.set(piece, id);
      pieceOf.set(id, piece);
      kindOfId.set(id, kind);
    }
    return id;
  };
  return {
    spec: 'fake:test',
    name: 'fake',
    format: 'sentencepiece',
    vocabSize: options.vocabSize ?? 100,
    sourceFiles: [],
    encode(text, encodeOptions = {}): Encoding {
      const ids: number[] = [];
      const kinds: number[] = [];
      const offsets: number[] = [];
      const push = (id: number, start: number, end: number): void => {
        ids.push(id);
        kinds.push(kindOfId.get(id)!);
        offsets.push(start, end);
      };
      if (encodeOptions.addSpecialTokens) push(0, 0, 0);
      const re = /\p{L}+|\S/gu;
      for (const m of text.matchAll(re)) {
        const start = m.index!;
        const s = m[0];
        if (/^\p{L}+$/u.test(s) && vocab.has(s)) {
          push(intern(s, TokenKind.Normal), start, start + s.length);
          continue;
        }
        let at = start;
        for (const ch of s) {
          const end = at + ch.length;
          if (unknownChars.has(ch)) push(1, at, end);
          else if (byteChars.has(ch)) {
            for (const b of Buffer.from(ch, 'utf8')) push(intern(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TokenKind.Byte), at, end);
          } else push(intern(ch, TokenKind.Normal), at, end);
          at = end;
        }
      }
      return { ids: Int32Array.from(ids), pieces: ids.map((id) => pieceOf.get(id)!), kinds: Uint8Array.from(kinds), offsets: Uint32Array.from(offsets) };
    },
    decode(ids) {
      return Array.from(ids, (id) => pieceOf.get(id) ?? '').join('');
    },
    idToPiece(id) {
      return pieceOf.get(id) ?? '<unk>';
    },
    kindOf(id) {
      return kindOfId.get(id) ?? TokenKind.Unknown;
    },
  };
}
