/**
 * Example segmentations for reports: one short parallel segment per language, shown as the
 * tokenizer cuts it (UDHR article 1 where the corpus has it, else the first segment). The one
 * place an `Encoding` becomes an example; the report reads and draws these.
 */
import type { Segment } from '../corpora/types.js';
import { TokenKind, type Encoding, type Tokenizer } from '../tokenizers/types.js';

export interface TokenizationExample {
  language: string;
  tokenizer: string;
  text: string;
  /** Spans are UTF-16 offsets into `text`; Control tokens are left out as in every count. */
  tokens: { piece: string; kind: TokenKind; start: number; end: number }[];
}

/** The segment to show for a language: `article:1` if present, else the first one; long texts are cut at a sentence end. */
export function pickExampleText(segments: readonly Segment[], maxChars = 400): string | undefined {
  const seg = segments.find((s) => s.id === 'article:1') ?? segments[0];
  if (!seg) return undefined;
  const line = seg.text.split('\n')[0];
  if (line.length <= maxChars) return ownCopy(line);
  const cut = line.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf(' '));
  return ownCopy(end > 0 ? cut.slice(0, end + 1).trimEnd() : cut);
}

/** Encode `text` without special tokens (as the statistics count) and keep it as an example. */
export function exampleSegmentation(tokenizer: Tokenizer, tokenizerName: string, language: string, text: string): TokenizationExample {
  return exampleFromEncoding(language, tokenizerName, text, tokenizer.encode(text, { addSpecialTokens: false }));
}

/** An `Encoding` (pieces, kinds, UTF-16 offsets) as an example; Control tokens are left out as in every count. */
export function exampleFromEncoding(language: string, tokenizerName: string, text: string, e: Encoding): TokenizationExample {
  const tokens: TokenizationExample['tokens'] = [];
  for (let i = 0; i < e.ids.length; i++) {
    if (e.kinds[i] === TokenKind.Control) continue;
    tokens.push({ piece: e.pieces[i], kind: e.kinds[i] as TokenKind, start: e.offsets[2 * i], end: e.offsets[2 * i + 1] });
  }
  return { language, tokenizer: tokenizerName, text, tokens };
}

/**
 * A copy that does not share memory with the text it was cut from: V8 keeps a substring as a
 * view of its parent, so one example per language would otherwise hold every language's whole
 * file in memory until the run ends (about 100 MB on FLORES-200).
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
