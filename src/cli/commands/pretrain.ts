/** `analyze pretrain`: train a small XGLM-shaped causal LM from scratch, usable as `tune --model DIR`. */
import type { Argv, CommandModule } from 'yargs';
import { BACKEND_CHOICES, PretrainSettingsSchema, type PretrainSettings } from '../../tuning/options.js';
import { schemaOptions } from '../schema-options.js';
import { createOutput } from '../output.js';

interface PretrainArgs extends PretrainSettings {
  corpus: string;
  langs?: string;
  tokenizer: string;
  out: string;
  backend: (typeof BACKEND_CHOICES)[number];
  json: boolean;
  quiet: boolean;
}

export const pretrainCommand: CommandModule<object, PretrainArgs> = {
  command: 'pretrain',
  describe: 'Pretrain a small XGLM-shaped model on a corpus with any tokenizer; saves an HF directory for tune --model',
  builder: (y: Argv) =>
    y
      .option('corpus', { type: 'string', demandOption: true, describe: 'Corpus spec (udhr, text:DIR, flores:DIR, ud:DIR …) or a plain text file' })
      .option('langs', { type: 'string', describe: 'Comma list of corpus languages to use (default all)' })
      .option('tokenizer', { type: 'string', demandOption: true, describe: 'Tokenizer spec (spm:FILE.model, xglm:DIR, hf:FILE.json, tiktoken:NAME …)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder, an HF model folder with its tokenizer (config.json, model.safetensors, sentencepiece.bpe.model or tokenizer.json, tokenizer_config.json)' })
      // Model shape and training: names, defaults and help from the one pretraining schema.
      .options(schemaOptions(PretrainSettingsSchema))
      .option('backend', { choices: BACKEND_CHOICES, default: 'auto' as const, describe: 'tfjs backend' })
      .example('$0 pretrain --corpus udhr --tokenizer spm:../shared/fixtures/golden/udhr-unigram-8k.model --out models/demo', 'a 2-layer d=128 model on all UDHR texts')
      .example('$0 pretrain --corpus flores:../shared/data/flores200 --langs en,de --tokenizer tiktoken:o200k_base --out models/o200k --steps 1000', 'any tokenizer, two languages') as unknown as Argv<PretrainArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { parsePretrainConfig, pretrainFromConfig } = await import('../../tuning/pretrain.js');
    const config = parsePretrainConfig({
      corpus: argv.corpus, langs: argv.langs, tokenizer: argv.tokenizer, out: argv.out, dModel: argv.dModel, layers: argv.layers,
      heads: argv.heads, ffn: argv.ffn, maxPositions: argv.maxPositions, steps: argv.steps, seqLen: argv.seqLen, batchSize: argv.batchSize, lr: argv.lr, seed: argv.seed, backend: argv.backend,
    });
    const summary = await pretrainFromConfig(config, ({ step, loss }) => out.progress(`loss ${loss.toFixed(3)}`, step, config.steps));
    out.progressDone();
    out.result(summary, () =>
      `saved ${summary.out}: ${summary.parameters} parameters, ${summary.tokens} corpus tokens in ${summary.blocks} blocks, ` +
      `${summary.steps} steps, loss ${summary.firstLoss.toFixed(3)} → ${summary.finalLoss.toFixed(3)} (backend ${summary.backend})`);
  },
};
