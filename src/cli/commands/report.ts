/** `analyze report`: the tokenization report (HTML + .vl.json + SVG) from a saved stats table. */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { METRIC_NAMES } from '../../tables/tidy.js';
import { renderSavedTokenizationReport } from '../../report/index.js';
import { createOutput } from '../output.js';
import { commandLine } from '../command-line.js';

const COLOR_BY = ['script', 'tier'] as const;

interface ReportArgs {
  input: string;
  out: string;
  'map-metric': (typeof METRIC_NAMES)[number];
  'color-by': (typeof COLOR_BY)[number];
  name: string;
  title?: string;
  svg: boolean;
  json: boolean;
  quiet: boolean;
}

/** The command line as typed, for provenance (quoted where a word has spaces). */
export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Build the tokenization report (self-contained HTML, Vega-Lite specs, SVGs) from a saved stats table',
  builder: (y: Argv) =>
    y
      .option('input', {
        type: 'string',
        demandOption: true,
        describe: 'Stats table (CSV/JSON from `analyze tokenization`) or its folder; provenance.json, languages.json, examples.json beside it are used',
      })
      .option('out', { type: 'string', default: 'reports', describe: 'Output folder' })
      .option('map-metric', { choices: METRIC_NAMES, default: 'fertility' as const, describe: 'Metric that colours the world map' })
      .option('color-by', { choices: COLOR_BY, default: 'script' as const, describe: 'Colour bars by script or XGLM resource tier' })
      .option('name', { type: 'string', default: 'tokenization', describe: 'File stem: <name>.html, <name>-<chart>.vl.json, <name>-<chart>.svg' })
      .option('title', { type: 'string', describe: 'Report title' })
      .option('svg', { type: 'boolean', default: true, describe: 'Also write each chart as SVG (--no-svg to skip)' })
      .example('$0 report --input results/udhr-xglm/', 'Report from results/udhr-xglm/stats.csv into reports/')
      .example('$0 report --input stats.json --out paper/appendix --map-metric premium --color-by tier', 'Map coloured by premium, bars by resource tier') as unknown as Argv<ReportArgs>,
  handler: async (argv: ArgumentsCamelCase<ReportArgs>) => {
    const out = createOutput({ json: argv.json, quiet: argv.quiet });
    const result = await renderSavedTokenizationReport(argv.input, argv.out, {
      command: commandLine(),
      mapMetric: argv['map-metric'],
      colorBy: argv['color-by'],
      name: argv.name,
      svg: argv.svg,
      ...(argv.title ? { title: argv.title } : {}),
    });
    out.result(result, () =>
      [
        `Report: ${result.files.html}`,
        `  ${result.rows} rows, ${result.languages} languages, ${result.tokenizers} tokenizer(s) from ${result.read.stats}`,
        `  ${Object.keys(result.files.specs).length} charts: specs and ${Object.keys(result.files.svgs).length} SVGs beside it`,
      ].join('\n'),
    );
  },
};
