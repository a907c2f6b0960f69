import * as tf from '@tensorflow/tfjs';
import { existsSync, statSync } from 'node:fs';
import { readUtf8File, splitLines } from '../corpora/read-text.js';
import { createHash } from 'node:crypto';
import { basename, isAbsolute, resolve } from 'node:path';
import { openCorpus } from '../corpora/spec.js';
import { resolveLanguageList } from '../corpora/languages.js';
import { InvalidOptionError } from '../errors.js';
import { padBatch } from '../tasks/encode.js';
import { assertTokenizerSavable } from '../tokenizers/folder.js';
import { loadTokenizer } from '../tokenizers/load.js';
import { TokenKind, type Tokenizer } from '../tokenizers/types.js';
import { initBackend, memoryLimitOf } from './backend.js';
import { checkOutputFolder } from '../util/output-location.js';
import { assertReplaceableFolder, saveModelFolder, trainingTokenizer } from './model-folder.js';
import { SMOKE_CAPS, smokeMode } from '../util/smoke.js';
import { PRETRAIN_DEFAULTS as D, PretrainConfigSchema, parsePretrainConfig, positionsOf, type PretrainConfig } from './options.js';
import { AdamW } from './optim.js';
import { train, removeCheckpoint } from './train.js';
import { parseXglmConfig } from './xglm/config.js';
import { assertFitsMemory } from './xglm/memory.js';
import { XglmModel } from './xglm/model.js';

export { TOKENIZER_REF_FILE, readTokenizerRef } from './model-folder.js';

export interface PretrainOptions {
  /** Corpus spec (`udhr`, `text:DIR`, `flores:DIR`, `ud:DIR` …) or a plain UTF-8 text file. */
  corpus: string;
  /** Languages of the corpus to use (default all). */
  languages?: readonly string[];
  /** A raw SentencePiece model trains in XGLM's id conventions (`trainingTokenizer`), the ids its saved folder gives. */
  tokenizer: Tokenizer;
  out: string;
  dModel?: number;
  layers?: number;
  heads?: number;
  ffn?: number;
  /** The model's `max_position_embeddings` (default `positionsOf`: the larger of `seqLen` and 128); at least `seqLen`. */
  maxPositions?: number;
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
 * as an HF folder that stands on its own (config.json + model.safetensors + the tokenizer's files,
 * the corpus and settings in config.json's `tokgap` block; `saveModelFolder`), so
 * `analyze tune --model DIR` runs without downloaded weights or a `--tokenizer`. The corpus is encoded segment by
 * segment (each with the tokenizer's special tokens), concatenated and cut into `seqLen` blocks, as
 * fairseq does for language-model data.
 */
export async function pretrain(o: PretrainOptions): Promise<PretrainSummary> {
  if (smokeMode()) o = { ...o, steps: Math.min(o.steps ?? SMOKE_CAPS.steps, SMOKE_CAPS.steps) };
  const seqLen = o.seqLen ?? D.seqLen;
  if (o.maxPositions !== undefined && o.maxPositions < seqLen) {
    throw new InvalidOptionError(`seqLen ${seqLen} is longer than maxPositions ${o.maxPositions}`, { field: 'maxPositions', expected: `at least seqLen ${seqLen}` });
  }
  const tokenizer = trainingTokenizer(o.tokenizer);
  const { vocab, pad } = _vocabAndPad(tokenizer);
  const config = parseXglmConfig({
    vocab_size: vocab, d_model: o.dModel ?? D.dModel, num_layers: o.layers ?? D.layers, attention_heads: o.heads ?? D.heads,
    ffn_dim: o.ffn ?? D.ffn, max_position_embeddings: positionsOf({ seqLen, maxPositions: o.maxPositions }), dropout: 0, attention_dropout: 0,
    activation_dropout: 0, init_std: 0.02, scale_embedding: true, tie_word_embeddings: true,
    pad_token_id: pad, bos_token_id: 0, eos_token_id: 2, decoder_start_token_id: 2, layerdrop: 0,
  });
  // Before reading the corpus or allocating anything: past wasm's heap the run would corrupt memory.
  const limit = o.memoryLimitBytes ?? memoryLimitOf();
  if (limit !== undefined) assertFitsMemory(config, { mode: 'finetune', batchSize: o.batchSize ?? D.batchSize, seqLen }, limit, tf.getBackend());
  // The tokenizer is saved with the model: find out now, not after training, if it cannot be.
  assertTokenizerSavable(tokenizer);
  assertReplaceableFolder(o.out, 'config.json', 'out');
  checkOutputFolder(o.out, { option: '--out' });
  const texts = _readCorpus(o.corpus, o.languages);
  const stream: number[] = [];
  for (const text of texts) for (const id of tokenizer.encode(text, { addSpecialTokens: true }).ids) stream.push(id);
  if (stream.length < 2) throw new InvalidOptionError('the corpus encodes to fewer than 2 tokens', { field: 'corpus', expected: 'some text' });
  const blocks: Int32Array[] = [];
  for (let i = 0; i < stream.length; i += seqLen) {
    const block = Int32Array.from(stream.slice(i, i + seqLen));
    if (block.length >= 2) blocks.push(block);
  }
  const seed = o.seed ?? D.seed;
  const model = XglmModel.random(config, seed);
  const optimizer = new AdamW(model.parameters, { lr: o.lr ?? D.lr, noDecay: (n) => n.endsWith('bias') || n.includes('layer_norm') });
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
      { steps: o.steps ?? D.steps, batchSize: o.batchSize ?? D.batchSize, lr: o.lr ?? D.lr, seed, checkpointDir, onStep: o.onStep },
    );
    saveModelFolder(model, tokenizer, o.out, {
      pretraining: {
        corpus: _describeCorpus(o.corpus, texts), languages: o.languages ?? null, tokens: stream.length, blocks: blocks.length,
        steps: summary.step, seq_len: seqLen, batch_size: o.batchSize ?? D.batchSize, lr: o.lr ?? D.lr, seed,
        first_loss: summary.losses[0]!, final_loss: summary.losses[summary.losses.length - 1]!,
      },
    });
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
  // Codes and names as `tokenization --langs` takes them (en, eng_Latn, German, xglm).
  const langs = languages === undefined ? corpus.languages() : resolveLanguageList(languages.join(','), corpus.languages(), `corpus ${corpus.spec}`).codes;
  return langs.flatMap((l) => corpus.read(l).segments.map((s) => s.text));
}

/**
 * The vocabulary, rounded up to a multiple of 8, and a pad id the tokenizer never emits for text:
 * id 1 when that is a control token (XGLM's `<pad>`; then the vocabulary is exactly XGLM's
 * `len(tokenizer)` rounded, 8008 for an 8000-piece model), else one spare id past the tokenizer.
 */
function _vocabAndPad(tokenizer: Tokenizer): { vocab: number; pad: number } {
  const ownPad = tokenizer.vocabSize > 1 && tokenizer.kindOf(1) === TokenKind.Control;
  const vocab = Math.ceil((tokenizer.vocabSize + (ownPad ? 0 : 1)) / 8) * 8;
  return { vocab, pad: ownPad ? 1 : vocab - 1 };
}

/** The corpus by kind and name (a folder or file's base name, never its path), with a hash of the text read. */
function _describeCorpus(spec: string, texts: readonly string[]): Record<string, unknown> {
  const m = /^([a-z0-9]+):(.*)$/.exec(spec);
  const kind = m ? m[1]! : existsSync(spec) ? 'file' : spec;
  const name = m ? basename(m[2]!.replace(/\/+$/, '')) : basename(spec);
  const hash = createHash('sha256');
  for (const t of texts) hash.update(t).update('\n');
  return { kind, name, segments: texts.length, sha256: hash.digest('hex') };
}

export { PretrainConfigSchema, parsePretrainConfig, type PretrainConfig };

/** Start the backend, load the tokenizer from its spec (saved as an absolute reference) and pretrain. */
export async function pretrainFromConfig(c: PretrainConfig, onStep?: PretrainOptions['onStep']): Promise<PretrainSummary & { backend: string }> {
  assertReplaceableFolder(c.out, 'config.json', 'out');
  checkOutputFolder(c.out, { option: '--out' });
  checkOutputFolder(`${c.out.replace(/\/+$/, '')}.ckpt`, { option: '--out (its checkpoint folder)' });
  const backend = await initBackend(c.backend);
  const tokenizer = await loadTokenizer(absoluteTokenizerSpec(c.tokenizer));
  const summary = await pretrain({
    corpus: c.corpus, ...(c.langs ? { languages: c.langs } : {}), tokenizer, out: c.out, dModel: c.dModel, layers: c.layers, heads: c.heads,
    ffn: c.ffn, ...(c.maxPositions !== undefined ? { maxPositions: c.maxPositions } : {}), steps: c.steps, seqLen: c.seqLen, batchSize: c.batchSize, lr: c.lr, seed: c.seed, onStep,
    ...(backend.memoryLimitBytes !== undefined ? { memoryLimitBytes: backend.memoryLimitBytes } : {}),
  });
  return { ...summary, backend: backend.label };
}
