/**
 * `analyze encode`: a line filter like `spm_encode --output_format=id|piece`. Reads stdin as a
 * stream, writes one line per input line (ids or pieces, space-separated). Lines split on "\n"
 * only (a "\r" stays part of the line, as in spm_encode); a last line without "\n" is still
 * encoded and printed with one.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Argv, CommandModule } from 'yargs';
import type { Encoding } from '../../tokenizers/index.js';
import { createOutput } from '../output.js';
import { BadInputError } from '../../errors.js';
import { _firstBadLine } from '../../corpora/read-text.js';

interface EncodeArgs {
  tokenizer?: string;
  pieces: boolean;
  special: boolean;
  replaceInvalid: boolean;
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
        file: options.name ?? 'stdin', line: line + (pending.match(/\n/g)?.length ?? 0) + (chunk ? _firstBadLine(chunk) : 1),
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

function formatLine(e: Encoding, pieces: boolean, json: boolean): string {
  if (json) return JSON.stringify({ ids: Array.from(e.ids), pieces: e.pieces, kinds: Array.from(e.kinds), offsets: Array.from(e.offsets) });
  return pieces ? e.pieces.join(' ') : Array.from(e.ids).join(' ');
}

/** Write respecting back-pressure so a large input streams in bounded memory. */
function write(text: string): Promise<void> | void {
  if (process.stdout.write(text)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
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
      .example('echo "Hello world" | $0 encode --tokenizer tiktoken:o200k_base', 'ids, one line per input line')
      .example('echo "Tokenizers treat languages unequally." | $0 encode --tokenizer spm:../shared/fixtures/golden/udhr-unigram-8k.model --pieces', 'pieces, as spm_encode --output_format=piece')
      .example('$0 encode --tokenizer hub:facebook/xglm-564M --special < README.md', "XGLM ids with the leading </s>")
      .example('$0 encode --tokenizer o200k_base --json < README.md', 'one JSON object per line: ids, pieces, kinds, offsets') as unknown as Argv<EncodeArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { defaultTokenizerChoice, loadTokenizer } = await import('../../tokenizers/index.js');
    let spec = argv.tokenizer;
    let notice: string | undefined;
    if (!spec) {
      const choice = defaultTokenizerChoice(process.env);
      notice = `tokenizer: ${choice.spec} (${choice.reason})`;
      spec = choice.spec;
    }
    const tokenizer = await loadTokenizer(spec);
    // Once the tokenizer loaded, so that the notice never stands in front of its error.
    if (notice) out.info(notice);
    for await (const line of readLines(process.stdin, { replaceInvalid: argv.replaceInvalid })) {
      const encoding = tokenizer.encode(line, { addSpecialTokens: argv.special });
      if (!argv.quiet) await write(`${formatLine(encoding, argv.pieces, argv.json)}\n`);
    }
  },
};
