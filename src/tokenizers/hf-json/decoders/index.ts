/**
 * Decoders of our own pipeline: data (`DecoderConfigSchema`, a zod union on the `type` tag) and a
 * `buildDecoder` step. The pipeline decodes SentencePiece style (metaspace.ts: byte pieces to
 * UTF-8, the replacement to a space, the dummy-prefix space dropped), which is what a `Metaspace`
 * decoder and the `Replace ▁→' '`, `ByteFallback`, `Fuse`, `Strip` sequence that transformers'
 * converters write both describe; other decoders are a clear error.
 */
import { z } from 'zod';
import { findComponent } from '../components.js';
import type { PrependScheme } from '../pre-tokenizers/metaspace.js';
import { preTokenizerChildren, type PreTokenizerConfig } from '../pre-tokenizers/index.js';
import { metaspaceDecode } from './metaspace.js';

/** Pieces (special tokens already left out) → text. */
export type Decoder = (pieces: readonly string[]) => string;

export const DECODER_TYPES = ['Sequence', 'Metaspace', 'Replace', 'ByteFallback', 'Fuse', 'Strip'] as const;

/** A decoder as `tokenizer.json` writes it (the fields this pipeline reads or checks). */
export type DecoderConfig =
  | { type: 'Sequence'; decoders: DecoderConfig[] }
  | { type: 'Metaspace'; replacement?: string | undefined; prepend_scheme?: PrependScheme | undefined; add_prefix_space?: boolean | undefined }
  | { type: 'Replace'; pattern: { String?: string | undefined; Regex?: string | undefined }; content: string }
  | { type: 'ByteFallback' | 'Fuse' }
  | { type: 'Strip'; content: string; start: number; stop: number };

export const DecoderConfigSchema: z.ZodType<DecoderConfig> = z.lazy(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('Sequence'), decoders: z.array(DecoderConfigSchema) }),
  z.object({
    type: z.literal('Metaspace'), replacement: z.string().optional(), prepend_scheme: z.enum(['always', 'first', 'never']).optional(),
    add_prefix_space: z.boolean().optional(),
  }),
  z.object({ type: z.literal('Replace'), pattern: z.object({ String: z.string().optional(), Regex: z.string().optional() }), content: z.string() }),
  z.object({ type: z.enum(['ByteFallback', 'Fuse']) }),
  z.object({ type: z.literal('Strip'), content: z.string(), start: z.number(), stop: z.number() }),
]));

type Metaspace = Extract<DecoderConfig | PreTokenizerConfig, { type: 'Metaspace' }>;

/** A decoder's children, for `findComponent`. */
export const decoderChildren = (c: DecoderConfig): DecoderConfig[] | undefined => (c.type === 'Sequence' ? c.decoders : undefined);

/**
 * The decoder for a file with this decoder and pre-tokenizer. The pre-tokenizer's Metaspace comes
 * first: it put the replacement and the dummy prefix into the pieces, so it says what to undo;
 * without any Metaspace the SentencePiece defaults (`▁`, prefix dropped) apply.
 */
export function buildDecoder(decoder: DecoderConfig | null, preTokenizer: PreTokenizerConfig | null): Decoder {
  const metaspace: Metaspace | null = findComponent(preTokenizer, 'Metaspace', preTokenizerChildren) ?? findComponent(decoder, 'Metaspace', decoderChildren);
  const replacement = metaspace?.replacement ?? '\u2581';
  const dropLeadingSpace = metaspace ? metaspace.prepend_scheme !== 'never' && metaspace.add_prefix_space !== false : true;
  return (pieces) => metaspaceDecode(pieces, replacement, dropLeadingSpace);
}
