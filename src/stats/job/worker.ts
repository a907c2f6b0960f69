/** Worker thread: loads tokenizers and corpora once, then counts languages on request. */
import { parentPort } from 'node:worker_threads';
import { openCorpus } from '../../corpora/spec.js';
import type { Corpus } from '../../corpora/types.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import { serializeError } from './pool.js';
import { loadTokenizerBySpec } from './tokenizer-loader.js';
import { countLanguageMany } from './process-language.js';
import type { WorkReply, WorkRequest } from './messages.js';

const tokenizers = new Map<string, Promise<Tokenizer>>();
const corpora = new Map<string, Corpus>();

async function handle(req: WorkRequest): Promise<WorkReply> {
  try {
    const loaded: Tokenizer[] = [];
    for (const spec of req.tokenizers) {
      let tok = tokenizers.get(spec);
      if (!tok) tokenizers.set(spec, (tok = Promise.resolve(loadTokenizerBySpec(spec))));
      loaded.push(await tok);
    }
    let corpus = corpora.get(req.corpus);
    if (!corpus) corpora.set(req.corpus, (corpus = openCorpus(req.corpus)));
    const counts = countLanguageMany(loaded, corpus, req.language, { units: req.units === true }).map((c, i) => ({ task: req.tasks[i], ...c }));
    return { ok: true, counts, maxRssKb: process.resourceUsage().maxRSS };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

parentPort?.on('message', (req: WorkRequest) => {
  void handle(req).then((reply) => parentPort!.postMessage(reply));
});
