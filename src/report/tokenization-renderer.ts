/**
 * The HTML step of `analyzeTokenization`: the stats job takes a renderer callback (statistics must
 * not import the report layer, which comes after it in the data flow), and this builds that
 * callback. It also saves `provenance.json` beside the tables so that `analyze report --input DIR`
 * rebuilds the same header later.
 */
import { join } from 'node:path';
import { overlapRows, type HtmlRenderContext } from '../stats/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { makeProvenance } from './provenance.js';
import { renderTokenizationReport } from './tokenization.js';
import { languageMetaForAll } from './languages.js';

export interface TokenizationHtmlOptions {
  /** The exact command line to record in the header. */
  command: string;
  /** Also write each chart as SVG (Vega's headless renderer). Default true. */
  svg?: boolean;
}

export function tokenizationHtmlRenderer(options: TokenizationHtmlOptions): (ctx: HtmlRenderContext) => Promise<string> {
  return async (ctx) => {
    const provenance = await makeProvenance({
      command: options.command,
      tokenizers: ctx.tokenizers.map((t) => ({ spec: t.spec, files: t.sourceFiles })),
      corpus: { spec: ctx.corpus, size: `${ctx.languages.length} languages` },
      languages: ctx.languages,
    });
    writeFileAtomic(join(ctx.outDir, 'provenance.json'), `${JSON.stringify(provenance, null, 1)}\n`);
    const files = await renderTokenizationReport(
      { rows: ctx.rows, languages: languageMetaForAll(ctx.languages), provenance, examples: ctx.examples, overlap: (ctx.overlap ?? []).flatMap(overlapRows) },
      ctx.outDir,
      { svg: options.svg ?? true },
    );
    return files.html;
  };
}
