/**
 * The work of `analyze encode` on one block of whole lines: bytes in, output bytes out. Shared by
 * the single-threaded filter and the worker threads of `--workers N`, so both print the same.
 *
 * Ids-only output of a tokenizer with a UTF-8 fast path (`Utf8IdsEncoder`: SentencePiece, XGLM)
 * never builds a string: each line's bytes go to the encoder, and the ids are written as ASCII
 * digits straight into the output block. Everything else (pieces, --json, other tokenizers,
 * --replace-invalid on a block with bad bytes) decodes the block and formats each Encoding.
 */
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { BadInputError } from '../../errors.js';
import { firstBadLine } from '../../corpora/read-text.js';
import { hasUtf8Ids, type Encoding, type Tokenizer } from '../../tokenizers/types.js';

export const ENCODE_FORMATS = ['ids', 'pieces', 'json'] as const;
export type EncodeFormat = (typeof ENCODE_FORMATS)[number];

export interface LineEncodeOptions {
  format: EncodeFormat;
  /** Add the tokenizer's special tokens. */
  special: boolean;
  /** Read invalid UTF-8 as U+FFFD (spm_encode) instead of failing. */
  replaceInvalid: boolean;
  /** What the stream is, for errors (default `stdin`). */
  name?: string;
}

const NL = 0x0a;
const SPACE = 0x20;

/** A growing output block; `take()` hands out the bytes written so far. */
class ByteSink {
  buf: Uint8Array;
  pos = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }
  reserve(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(2 * this.buf.length, this.pos + extra));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }
  take(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

/** Append `ids` as space-separated decimal ASCII and a newline (what `Array.from(ids).join(' ')` prints). */
function putIds(sink: ByteSink, ids: Int32Array): void {
  // An id is at most 10 digits, plus its separator.
  sink.reserve(ids.length * 11 + 1);
  const buf = sink.buf;
  let pos = sink.pos;
  for (let i = 0; i < ids.length; i++) {
    if (i > 0) buf[pos++] = SPACE;
    let v = ids[i]!;
    if (v < 0) { buf[pos++] = 0x2d; v = -v; }
    if (v < 10) { buf[pos++] = 48 + v; continue; }
    const from = pos;
    while (v > 0) { const q = (v / 10) | 0; buf[pos++] = 48 + v - q * 10; v = q; }
    for (let a = from, b = pos - 1; a < b; a++, b--) { const t = buf[a]!; buf[a] = buf[b]!; buf[b] = t; }
  }
  buf[pos++] = NL;
  sink.pos = pos;
}

function formatEncoding(e: Encoding, format: EncodeFormat): string {
  if (format === 'json') return JSON.stringify({ ids: Array.from(e.ids), pieces: e.pieces, kinds: Array.from(e.kinds), offsets: Array.from(e.offsets) });
  return format === 'pieces' ? e.pieces.join(' ') : Array.from(e.ids).join(' ');
}

export interface EncodedBlock {
  /** The output lines, each ending in "\n". */
  bytes: Uint8Array;
  /** Input lines the block held. */
  lines: number;
}

export class LineBlockEncoder {
  private readonly utf8Out = new TextEncoder();
  private readonly fast: boolean;

  constructor(private readonly tokenizer: Tokenizer, private readonly options: LineEncodeOptions) {
    this.fast = options.format === 'ids' && hasUtf8Ids(tokenizer);
  }

  /**
   * Encode `block`: whole lines, each ending in "\n", except that the stream's last line may lack
   * it (`final`). `firstLine` (0-based) numbers the block's lines in errors. `streamStart` drops a
   * leading byte-order mark, as the strict decoder of the stream does.
   */
  encode(block: Uint8Array, firstLine: number, streamStart: boolean): EncodedBlock {
    const { replaceInvalid } = this.options;
    const valid = isUtf8(block);
    if (!valid && !replaceInvalid) {
      throw new BadInputError('invalid UTF-8', {
        file: this.options.name ?? 'stdin', line: firstLine + firstBadLine(block),
        expected: 'UTF-8 text (or --replace-invalid to read bad bytes as U+FFFD, like spm_encode)',
      });
    }
    let start = 0;
    if (streamStart && !replaceInvalid && block.length >= 3 && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf) start = 3;
    if (valid && this.fast) return this.encodeIdsFast(block, start);
    const text = valid ? Buffer.from(block.buffer, block.byteOffset + start, block.length - start).toString('utf8') : new StringDecoder('utf8').end(Buffer.from(block.buffer, block.byteOffset, block.length));
    return this.encodeText(text);
  }

  private encodeIdsFast(block: Uint8Array, start: number): EncodedBlock {
    const tok = this.tokenizer as Tokenizer & { encodeIdsUtf8(bytes: Uint8Array, options?: { addSpecialTokens?: boolean }): Int32Array };
    const opts = { addSpecialTokens: this.options.special };
    // Ids take about as many bytes as the text on these models; the sink grows when not.
    const sink = new ByteSink(block.length + (block.length >> 1));
    let lines = 0;
    let s = start;
    const end = block.length;
    while (s < end) {
      let nl = block.indexOf(NL, s);
      if (nl < 0) nl = end;
      putIds(sink, tok.encodeIdsUtf8(block.subarray(s, nl), opts));
      lines++;
      s = nl + 1;
    }
    return { bytes: sink.take(), lines };
  }

  private encodeText(text: string): EncodedBlock {
    const { format, special } = this.options;
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    const out: string[] = new Array(parts.length);
    for (let i = 0; i < parts.length; i++) out[i] = formatEncoding(this.tokenizer.encode(parts[i]!, { addSpecialTokens: special }), format);
    const body = out.length > 0 ? `${out.join('\n')}\n` : '';
    return { bytes: this.utf8Out.encode(body), lines: parts.length };
  }
}
