/**
 * `analyze encode`: a line filter like `spm_encode --output_format=id|piece`. Reads stdin as a
 * stream, writes one line per input line (ids or pieces, space-separated). Lines split on "\n"
 * only (a "\r" stays part of the line, as in spm_encode); a last line without "\n" is still
 * encoded and printed with one. The work is in encode-stream.ts (blocks of lines, one write per
 * block, `--workers N` threads) and encode-lines.ts (ids straight from the UTF-8 bytes). The
 * handler imports only the tokenizer factory, so start-up loads no tfjs, Vega or Arquero.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Argv, CommandModule } from 'yargs';
import { createOutput } from '../output.js';
import { BadInputError, InvalidOptionError } from '../../errors.js';
import { firstBadLine } from '../../corpora/read-text.js';

interface EncodeArgs {
  tokenizer?: string;
  pieces: boolean;
  special: boolean;
  replaceInvalid: boolean;
  workers: number;
  json: boolean;
  quiet: boolean;
}

export interface ReadLinesOptions {
  /** Replace invalid UTF-8 with U+FFFD (spm_encode's behaviour) instead of failing. */
  replaceInvalid?: boolean;
  /** What the stream is, for the error (default `stdin`). */
  name?: string;
}

/**
 * The lines of a byte stream, decoded as UTF-8 chunk by chunk, split on "\n". Invalid UTF-8 is an
 * error naming the line, as in the corpus readers, unless `replaceInvalid`.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, options: ReadLinesOptions = {}): AsyncGenerator<string> {
  const decoder = options.replaceInvalid ? new StringDecoder('utf8') : undefined;
  const strict = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 0;
  const decode = (chunk: Buffer | undefined): string => {
    if (decoder) return chunk ? decoder.write(chunk) : decoder.end();
    try {
      return chunk ? strict.decode(chunk, { stream: true }) : strict.decode();
    } catch (cause) {
      throw new BadInputError('invalid UTF-8', {
        file: options.name ?? 'stdin', line: line + (pending.match(/\n/g)?.length ?? 0) + (chunk ? firstBadLine(chunk) : 1),
        expected: 'UTF-8 text (or --replace-invalid to read bad bytes as U+FFFD, like spm_encode)', cause,
      });
    }
  };
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decode(chunk);
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, nl);
      line++;
      pending = pending.slice(nl + 1);
    }
  }
  pending += decode(undefined);
  if (pending.length > 0) yield pending;
}

export const encodeCommand: CommandModule<object, EncodeArgs> = {
  command: 'encode',
  describe: 'Encode stdin line by line to token ids (or pieces), like spm_encode',
  builder: (y: Argv) =>
    y
      .option('tokenizer', { type: 'string', describe: 'Tokenizer spec: spm:FILE.model, xglm:DIR, hf:FILE.json, tiktoken:NAME, hub:OWNER/NAME[@REV], named:NAME. Default: XGLM if cached, else tiktoken:o200k_base' })
      .option('pieces', { type: 'boolean', default: false, describe: 'Print pieces instead of ids (spm_encode --output_format=piece)' })
      .option('replace-invalid', { type: 'boolean', default: false, describe: 'Read invalid UTF-8 bytes as U+FFFD, as spm_encode does (default: an error naming the line)' })
      .option('special', { type: 'boolean', default: false, describe: "Add the tokenizer's special tokens (e.g. XGLM's leading </s>)" })
      .option('workers', { type: 'number', default: 1, describe: 'Encode on N worker threads, each with its own copy of the tokenizer; output keeps the input line order' })
      .example('echo "Hello world" | $0 encode --tokenizer tiktoken:o200k_base', 'ids, one line per input line')
      .example('echo "Tokenizers treat languages unequally." | $0 encode --tokenizer spm:../shared/fixtures/golden/udhr-unigram-8k.model --pieces', 'pieces, as spm_encode --output_format=piece')
      .example('$0 encode --tokenizer hub:facebook/xglm-564M --special < README.md', "XGLM ids with the leading </s>")
      .example('$0 encode --tokenizer o200k_base --json < README.md', 'one JSON object per line: ids, pieces, kinds, offsets')
      .example('$0 encode --tokenizer spm:../shared/fixtures/golden/udhr-unigram-8k.model --workers 2 < README.md > ids.txt', 'ids on two threads, lines in input order') as unknown as Argv<EncodeArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const workers = argv.workers;
    if (!Number.isInteger(workers) || workers < 1) throw new InvalidOptionError(`bad worker count ${workers}`, { field: 'workers', expected: 'an integer ≥ 1' });
    // Only the factory and the pipeline: the tokenizer stage's barrel would load every format.
    const [{ defaultTokenizerChoice, loadTokenizer, parseTokenizerSpec }, stream] = await Promise.all([import('../../tokenizers/load.js'), import('./encode-stream.js')]);
    let spec = argv.tokenizer;
    let notice: string | undefined;
    if (!spec) {
      const choice = defaultTokenizerChoice(process.env);
      notice = `tokenizer: ${choice.spec} (${choice.reason})`;
      spec = choice.spec;
    }
    const options = { format: argv.json ? 'json' : argv.pieces ? 'pieces' : 'ids', special: argv.special, replaceInvalid: argv.replaceInvalid } as const;
    const write = argv.quiet ? () => undefined : writeStdout;
    const blocks = stream.lineBlocks(stdinChunks());
    if (workers === 1) {
      const tokenizer = await loadTokenizer(spec);
      // Once the tokenizer loaded, so that the notice never stands in front of its error.
      if (notice) out.info(notice);
      await stream.encodeBlocks(blocks, tokenizer, options, write);
    } else {
      parseTokenizerSpec(spec);
      await stream.encodeBlocksInWorkers(blocks, spec, options, workers, write, () => { if (notice) out.info(notice); });
    }
  },
};

/** stdin in large chunks (fewer reads and blocks than the stream's 64 KB default). */
function stdinChunks(): AsyncIterable<Buffer> {
  return createReadStream('', { fd: 0, highWaterMark: 1 << 18, autoClose: false });
}

/** Write respecting back-pressure so a large input streams in bounded memory. */
function writeStdout(bytes: Uint8Array): Promise<void> | void {
  if (process.stdout.write(bytes)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}
