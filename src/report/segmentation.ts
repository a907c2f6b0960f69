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

/** Group tokens into boxes in text order; byte pieces with the same span join one box. */
export function segmentBoxes(text: string, tokens: readonly ExampleToken[]): { boxes: SegmentBox[]; tail: string } {
  const boxes: SegmentBox[] = [];
  let pos = 0;
  let last: { start: number; end: number; kind: TokenKind } | undefined;
  for (const t of tokens) {
    const start = Math.max(0, Math.min(t.start, text.length));
    const end = Math.max(start, Math.min(t.end, text.length));
    const prev = boxes[boxes.length - 1];
    if (prev && last && t.kind === TokenKind.Byte && last.kind === TokenKind.Byte && start === last.start && end === last.end) {
      prev.pieces.push(t.piece);
      continue;
    }
    const gapBefore = start > pos ? text.slice(pos, start) : '';
    // An empty span (SentencePiece's lone `▁`, a special token) shows its piece instead of text.
    const shown = end > start ? text.slice(Math.max(start, pos), end) : t.piece;
    boxes.push({ text: shown, pieces: [t.piece], kind: t.kind, gapBefore });
    pos = Math.max(pos, end);
    last = { start, end, kind: t.kind };
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
