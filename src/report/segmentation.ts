/**
 * Example sentences shown as their token segmentation (as on Petrov et al.'s pages): each token's
 * span of the original text gets its own alternating background; unknown tokens and byte-fallback
 * pieces are marked; the pieces behind each box are in its tooltip.
 */
import { TokenKind } from '../tokenizers/types.js';
import type { ExampleSegmentation, ExampleToken, LanguageMeta } from './types.js';
import { escapeHtml } from './escape.js';

/** One box on screen: several tokens when byte-fallback pieces share one character's span. */
export interface SegmentBox {
  text: string;
  pieces: string[];
  kind: TokenKind;
  /** Text between the previous box and this one that no token covers (kept so the sentence reads whole). */
  gapBefore: string;
}

const KIND_CLASS: Record<TokenKind, string> = {
  [TokenKind.Normal]: 'tok',
  [TokenKind.Unknown]: 'tok unk',
  [TokenKind.Byte]: 'tok byte',
  [TokenKind.Control]: 'tok ctl',
};

const KIND_NAME: Record<TokenKind, string> = {
  [TokenKind.Normal]: 'token',
  [TokenKind.Unknown]: 'unknown token',
  [TokenKind.Byte]: 'byte fallback',
  [TokenKind.Control]: 'control token',
};

/** The byte of a `<0xNN>` piece, else null. */
function byteOf(piece: string): number | null {
  const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
  return m ? parseInt(m[1]!, 16) : null;
}

/** UTF-8 continuation byte (10xxxxxx): it belongs to the character its lead byte started. */
const isContinuation = (byte: number | null): boolean => byte !== null && byte >= 0x80 && byte <= 0xbf;

interface Group {
  start: number;
  end: number;
  pieces: string[];
  kind: TokenKind;
}

/**
 * Group tokens into boxes in text order. Byte-fallback pieces of one character join one box:
 * a continuation byte joins the byte box before it, and so does a byte piece with the same span.
 * This holds whether a tokenizer gives every byte the character's span or only the last one.
 */
export function segmentBoxes(text: string, tokens: readonly ExampleToken[]): { boxes: SegmentBox[]; tail: string } {
  const groups: Group[] = [];
  for (const t of tokens) {
    const start = Math.max(0, Math.min(t.start, text.length));
    const end = Math.max(start, Math.min(t.end, text.length));
    const prev = groups[groups.length - 1];
    if (prev && prev.kind === TokenKind.Byte && t.kind === TokenKind.Byte) {
      const sameSpan = start === prev.start && end === prev.end;
      if (isContinuation(byteOf(t.piece)) || sameSpan) {
        prev.pieces.push(t.piece);
        if (end > start) {
          prev.start = prev.end > prev.start ? Math.min(prev.start, start) : start;
          prev.end = Math.max(prev.end, end);
        }
        continue;
      }
    }
    groups.push({ start, end, pieces: [t.piece], kind: t.kind });
  }
  const boxes: SegmentBox[] = [];
  let pos = 0;
  for (const g of groups) {
    const gapBefore = g.start > pos ? text.slice(pos, g.start) : '';
    // An empty span (SentencePiece's lone `▁`, a special token) shows its piece instead of text.
    const shown = g.end > g.start ? text.slice(Math.max(g.start, pos), g.end) : g.pieces.join('');
    boxes.push({ text: shown, pieces: g.pieces, kind: g.kind, gapBefore });
    pos = Math.max(pos, g.end);
  }
  return { boxes, tail: text.slice(pos) };
}

function boxHtml(box: SegmentBox, index: number): string {
  const count = box.pieces.length;
  const title = `${KIND_NAME[box.kind]}${count > 1 ? ` ×${count}` : ''}: ${box.pieces.join(' ')}`;
  const cls = `${KIND_CLASS[box.kind]} c${index % 4}`;
  return `${escapeHtml(box.gapBefore)}<span class="${cls}" title="${escapeHtml(title)}" data-pieces="${count}">${escapeHtml(box.text)}</span>`;
}

/** The HTML of all examples grouped by language, with a key explaining the marks. */
export function segmentationHtml(examples: readonly ExampleSegmentation[], languages: readonly LanguageMeta[]): string {
  if (examples.length === 0) return '<p class="note">No example sentences were given.</p>';
  const names = new Map(languages.map((l) => [l.code, l.name]));
  const key =
    '<p class="note">Each box is one token (backgrounds alternate); ' +
    '<span class="tok unk">red outline</span> = unknown token; ' +
    '<span class="tok byte">dashed orange</span> = byte-fallback pieces (one box per character; hover for the pieces).</p>';
  const items = examples.map((ex) => {
    const { boxes, tail } = segmentBoxes(ex.text, ex.tokens);
    const name = names.get(ex.language);
    const heading = `${escapeHtml(name ? `${name} (${ex.language})` : ex.language)} · ${escapeHtml(ex.tokenizer)} · ${ex.tokens.length} tokens`;
    const dir = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(ex.text) ? ' dir="auto"' : '';
    return `<div class="example" data-language="${escapeHtml(ex.language)}"><div class="example-head">${heading}</div><div class="seg"${dir}>${boxes.map(boxHtml).join('')}${escapeHtml(tail)}</div></div>`;
  });
  return key + items.join('\n');
}
