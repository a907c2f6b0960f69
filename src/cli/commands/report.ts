/**
 * `analyze report`: the tokenization report (HTML + .vl.json + SVG) from a saved stats table
 * (`--input`), or the tuning-results report from a results file of `analyze tune` (`--results`).
 */
import { writeOutputSet } from '../../util/output-set.js';
import { checkOutputFolder } from '../../util/output-location.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { METRIC_NAMES } from '../../tables/tidy.js';
import { InvalidOptionError } from '../../errors.js';
import { createOutput } from '../output.js';
import { commandLine } from '../command-line.js';

const COLOR_BY = ['script', 'tier'] as const;

interface ReportArgs {
  input?: string;
  results?: string;
  out: string;
  'map-metric': (typeof METRIC_NAMES)[number];
  'color-by': (typeof COLOR_BY)[number];
  name?: string;
  title?: string;
  svg: boolean;
  'bar-limit'?: number;
  json: boolean;
  quiet: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Build a report (self-contained HTML, Vega-Lite specs, SVGs): tokenization from a saved stats table, or tuning from a results file',
  builder: (y: Argv) =>
    y
      .option('input', {
        type: 'string',
        describe: 'Stats table (CSV/JSON from `analyze tokenization`) or its folder; provenance.json, languages.json, examples.json beside it are used',
      })
      .option('results', { type: 'string', describe: 'Tuning results file (JSON Lines from `analyze tune`): build the tuning-results report instead' })
      .option('out', { type: 'string', default: 'reports', describe: 'Output folder' })
      .option('map-metric', { choices: METRIC_NAMES, default: 'fertility' as const, describe: 'Metric that colours the world map' })
      .option('color-by', { choices: COLOR_BY, default: 'script' as const, describe: 'Colour bars by script or XGLM resource tier' })
      .option('name', { type: 'string', describe: 'File stem: <name>.html, <name>-<chart>.vl.json, <name>-<chart>.svg (default tokenization, or tuning with --results)' })
      .option('title', { type: 'string', describe: 'Report title' })
      .option('svg', { type: 'boolean', default: true, describe: 'Also write each chart as SVG (--no-svg to skip)' })
      .option('bar-limit', { type: 'number', describe: 'Per-language bars show the N highest and N lowest languages, with a per-script summary (default: 25 above 60 languages; 0 = every language)' })
      .example('$0 report --input reports/tokenization/', 'Redraw the report of a tokenization run from its tables')
      .example('$0 report --input reports/tokenization/tokenization.json --out paper/appendix --map-metric premium --color-by tier', 'Map coloured by premium, bars by resource tier')
      .example('$0 report --results results/tuning.jsonl --out reports/tuning', 'PT and FT scores, gaps and every cell of a tuning results file')
      .check((a) => {
        if ((a.input === undefined) === (a.results === undefined)) throw new InvalidOptionError('give exactly one of --input (stats table) or --results (tuning results file)', { field: 'input/results' });
        return true;
      }) as unknown as Argv<ReportArgs>,
  handler: async (argv: ArgumentsCamelCase<ReportArgs>) => {
    const out = createOutput({ json: argv.json, quiet: argv.quiet });
    checkOutputFolder(argv.out, { option: '--out' });
    const { renderSavedTokenizationReport, renderTuningResultsFile } = await import('../../report/index.js');
    if (argv.results !== undefined) {
      const name = argv.name ?? 'tuning';
      const { value: tuning } = await writeOutputSet(argv.out, (dir) => renderTuningResultsFile(argv.results as string, dir, {
        command: commandLine(), name, svg: argv.svg, ...(argv.title ? { title: argv.title } : {}),
      }), { manifest: `.tokgap-report-${name}.json` });
      out.result(tuning, () =>
        [
          `Report: ${tuning.files.html}`,
          `  ${tuning.rows} rows in ${tuning.cells} cells, ${tuning.languages} languages from ${tuning.results.path}`,
          `  ${Object.keys(tuning.files.specs).length} charts: specs and ${Object.keys(tuning.files.svgs).length} SVGs beside it`,
        ].join('\n'),
      );
      return;
    }
    // The report's files appear whole, and a rerun leaves none of an earlier report of this name.
    const name = argv.name ?? 'tokenization';
    const { value: result } = await writeOutputSet(argv.out, (dir) => renderSavedTokenizationReport(argv.input as string, dir, {
      command: commandLine(),
      mapMetric: argv['map-metric'],
      colorBy: argv['color-by'],
      name,
      svg: argv.svg,
      ...(argv['bar-limit'] !== undefined ? { barLimit: argv['bar-limit'] } : {}),
      ...(argv.title ? { title: argv.title } : {}),
    }), { manifest: `.tokgap-report-${name}.json` });
    out.result(result, () =>
      [
        `Report: ${result.files.html}`,
        `  ${result.rows} rows, ${result.languages} languages, ${result.tokenizers} tokenizer(s) from ${result.read.stats}`,
        `  ${Object.keys(result.files.specs).length} charts: specs and ${Object.keys(result.files.svgs).length} SVGs beside it`,
      ].join('\n'),
    );
  },
};
