import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readUtf8File, splitLines } from '../corpora/read-text.js';
import { isAbsolute, join, resolve } from 'node:path';
import { openCorpus } from '../corpora/spec.js';
import { InvalidOptionError } from '../errors.js';
import { padBatch } from '../tasks/encode.js';
import { loadTokenizer } from '../tokenizers/load.js';
import { TokenKind, type Tokenizer } from '../tokenizers/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { initBackend, memoryLimitOf } from './backend.js';
import { PretrainConfigSchema, parsePretrainConfig, type PretrainConfig } from './options.js';
import { AdamW } from './optim.js';
import { train, removeCheckpoint } from './train.js';
import { parseXglmConfig } from './xglm/config.js';
import { assertFitsMemory } from './xglm/memory.js';
import { XglmModel } from './xglm/model.js';

/** File beside config.json naming the tokenizer a pretrained model was trained with. */
export const TOKENIZER_REF_FILE = 'tokgap_tokenizer.json';

export interface PretrainOptions {
  /** Corpus spec (`udhr`, `text:DIR`, `flores:DIR`, `ud:DIR` …) or a plain UTF-8 text file. */
  corpus: string;
  /** Languages of the corpus to use (default all). */
  languages?: readonly string[];
  tokenizer: Tokenizer;
  out: string;
  dModel?: number;
  layers?: number;
  heads?: number;
  ffn?: number;
  steps?: number;
  seqLen?: number;
  batchSize?: number;
  lr?: number;
  seed?: number;
  /** Refuse a model estimated to need more bytes (default: the current backend's limit, wasm's ~3.9 GB heap). */
  memoryLimitBytes?: number;
  /** Resumable checkpoints (default `<out>.ckpt`), removed once the model is saved. */
  checkpointDir?: string;
  onStep?: (info: { step: number; loss: number; lr: number }) => void;
}

export interface PretrainSummary {
  out: string;
  steps: number;
  firstLoss: number;
  finalLoss: number;
  /** Training blocks of `seqLen` tokens cut from the corpus. */
  blocks: number;
  tokens: number;
  parameters: number;
  config: ReturnType<typeof parseXglmConfig>;
}

/**
 * Pretrain a small XGLM-shaped causal LM from scratch on a corpus with any tokenizer, and save it
 * as an HF directory (config.json + model.safetensors) plus `tokgap_tokenizer.json`, so
 * `analyze tune --model DIR` runs without downloaded weights. The corpus is encoded segment by
 * segment (each with the tokenizer's special tokens), concatenated and cut into `seqLen` blocks, as
 * fairseq does for language-model data.
 */
export async function pretrain(o: PretrainOptions): Promise<PretrainSummary> {
  const seqLen = o.seqLen ?? 128;
  // Rounded up past the tokenizer to a multiple of 8 with at least one spare id for padding.
  const vocab = _vocabSize(o.tokenizer);
  const config = parseXglmConfig({
    vocab_size: vocab, d_model: o.dModel ?? 128, num_layers: o.layers ?? 2, attention_heads: o.heads ?? 4,
    ffn_dim: o.ffn ?? 512, max_position_embeddings: Math.max(seqLen, 128), dropout: 0, attention_dropout: 0,
    activation_dropout: 0, init_std: 0.02, scale_embedding: true, tie_word_embeddings: true,
    pad_token_id: _padId(o.tokenizer), bos_token_id: 0, eos_token_id: 2,
  });
  // Before reading the corpus or allocating anything: past wasm's heap the run would corrupt memory.
  const limit = o.memoryLimitBytes ?? memoryLimitOf();
  if (limit !== undefined) assertFitsMemory(config, { mode: 'finetune', batchSize: o.batchSize ?? 8, seqLen }, limit, tf.getBackend());
  const texts = _readCorpus(o.corpus, o.languages);
  const stream: number[] = [];
  for (const text of texts) for (const id of o.tokenizer.encode(text, { addSpecialTokens: true }).ids) stream.push(id);
  if (stream.length < 2) throw new InvalidOptionError('the corpus encodes to fewer than 2 tokens', { field: 'corpus', expected: 'some text' });
  const blocks: Int32Array[] = [];
  for (let i = 0; i < stream.length; i += seqLen) {
    const block = Int32Array.from(stream.slice(i, i + seqLen));
    if (block.length >= 2) blocks.push(block);
  }
  const seed = o.seed ?? 1;
  const model = XglmModel.random(config, seed);
  const pad = config.pad_token_id;
  const optimizer = new AdamW(model.parameters, { lr: o.lr ?? 1e-3, noDecay: (n) => n.endsWith('bias') || n.includes('layer_norm') });
  const checkpointDir = o.checkpointDir ?? `${o.out.replace(/\/+$/, '')}.ckpt`;
  try {
    const summary = await train(
      {
        trainable: model.parameters,
        lengths: blocks.map((b) => b.length),
        loss: (batch) => {
          const b = padBatch(batch.map((i) => blocks[i]!), pad);
          const hidden = model.hidden({ inputIds: tf.tensor2d(b.ids, undefined, 'int32'), attentionMask: tf.tensor2d(b.mask, undefined, 'int32') }).lastHiddenState;
          return model.lmLoss(hidden, tf.tensor2d(b.labels, undefined, 'int32'));
        },
      },
      optimizer.toTrainOptimizer(),
      { steps: o.steps ?? 200, batchSize: o.batchSize ?? 8, lr: o.lr ?? 1e-3, seed, checkpointDir, onStep: o.onStep },
    );
    model.save(o.out);
    writeFileAtomic(join(o.out, TOKENIZER_REF_FILE), `${JSON.stringify({ spec: o.tokenizer.spec, name: o.tokenizer.name, vocab_size: o.tokenizer.vocabSize, corpus: o.corpus, languages: o.languages ?? null, steps: summary.step, seq_len: seqLen }, null, 2)}\n`);
    removeCheckpoint(checkpointDir);
    return {
      out: o.out, steps: summary.step, firstLoss: summary.losses[0]!, finalLoss: summary.losses[summary.losses.length - 1]!,
      blocks: blocks.length, tokens: stream.length, parameters: model.numParameters(), config,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** The tokenizer spec saved beside a pretrained model, if any. */
export function readTokenizerRef(modelDir: string): string | undefined {
  const file = join(modelDir, TOKENIZER_REF_FILE);
  if (!existsSync(file)) return undefined;
  const spec = (JSON.parse(readFileSync(file, 'utf8')) as { spec?: unknown }).spec;
  return typeof spec === 'string' ? spec : undefined;
}

/** Make path-based tokenizer specs absolute, so the saved reference works from any folder. */
export function absoluteTokenizerSpec(spec: string): string {
  const m = /^(spm|xglm|hf):(.*)$/.exec(spec);
  if (!m || isAbsolute(m[2]!)) return spec;
  return `${m[1]}:${resolve(m[2]!)}`;
}

/** A plain text file is one segment per line; anything else goes through the corpus readers. */
function _readCorpus(spec: string, languages: readonly string[] | undefined): string[] {
  if (existsSync(spec) && statSync(spec).isFile()) {
    return splitLines(readUtf8File(spec)).filter((l) => l.trim() !== '');
  }
  const corpus = openCorpus(spec);
  const langs = languages ?? corpus.languages();
  return langs.flatMap((l) => corpus.read(l).segments.map((s) => s.text));
}

/** A pad id the tokenizer never emits for text: XGLM's `<pad>` (1) when that is a control token, else the last id. */
function _padId(tokenizer: Tokenizer): number {
  return tokenizer.vocabSize > 1 && tokenizer.kindOf(1) === TokenKind.Control ? 1 : _vocabSize(tokenizer) - 1;
}

function _vocabSize(tokenizer: Tokenizer): number {
  return Math.ceil((tokenizer.vocabSize + 1) / 8) * 8;
}

export { PretrainConfigSchema, parsePretrainConfig, type PretrainConfig };

/** Start the backend, load the tokenizer from its spec (saved as an absolute reference) and pretrain. */
export async function pretrainFromConfig(c: PretrainConfig, onStep?: PretrainOptions['onStep']): Promise<PretrainSummary & { backend: string }> {
  const backend = await initBackend(c.backend);
  const tokenizer = await loadTokenizer(absoluteTokenizerSpec(c.tokenizer));
  const summary = await pretrain({
    corpus: c.corpus, ...(c.langs ? { languages: c.langs } : {}), tokenizer, out: c.out, dModel: c.dModel, layers: c.layers, heads: c.heads,
    ffn: c.ffn, steps: c.steps, seqLen: c.seqLen, batchSize: c.batchSize, lr: c.lr, seed: c.seed, onStep,
    ...(backend.memoryLimitBytes !== undefined ? { memoryLimitBytes: backend.memoryLimitBytes } : {}),
  });
  return { ...summary, backend: backend.name };
}
