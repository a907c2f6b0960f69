/** `analyze study FILE`: run (or with --dry-run, list) every stage and cell of a study file. */
import { checkOutputFolder } from '../../util/output-location.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createOutput } from '../output.js';
import { commandLine } from '../command-line.js';

interface StudyArgs {
  file: string;
  'dry-run': boolean;
  out?: string;
  queue?: string;
  json: boolean;
  quiet: boolean;
}

export const studyCommand: CommandModule<object, StudyArgs> = {
  command: 'study <file>',
  describe: 'Run a study file: tokenization statistics → pretrain (if needed) → tuning grid → correlation → report; resumes where it stopped',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Study file (JSON, see analyses/study.schema.json)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'List every stage and every cell (task × language × method × setting × seed) without running anything' })
      .option('out', { type: 'string', describe: 'Output folder (default reports/studies/<name>)' })
      .option('queue', { type: 'string', describe: "Spread the tuning grid over analyze workers through this Redis (redis://HOST:PORT/DB; overrides the file's queue)" })
      .example('$0 study analyses/demo.json', 'The offline demo: small pretrained model, POS and NER, 8 languages')
      .example('$0 study analyses/xglm-replication.json --dry-run', 'List the 900 cells of the XGLM-564M replication') as unknown as Argv<StudyArgs>,
  handler: async (argv: ArgumentsCamelCase<StudyArgs>) => {
    const out = createOutput({ json: argv.json, quiet: argv.quiet });
    const { loadStudyConfig, runStudy, describeStudyTime } = await import('../../studies/index.js');
    const config = loadStudyConfig(argv.file);
    if (argv.out && !argv['dry-run']) checkOutputFolder(argv.out, { option: '--out' });
    const result = await runStudy(config, {
      ...(argv.out ? { outDir: argv.out } : {}),
      ...(argv.queue !== undefined ? { queue: argv.queue } : {}),
      dryRun: argv['dry-run'],
      command: commandLine(),
      onStage: (stage, status, detail) => out.info(`${status === 'run' ? '▶' : '✓'} ${stage}: ${status === 'run' ? detail : 'outputs exist, skipped'}`),
      onProgress: (done, total, label) => out.progress(label, done, total),
    });
    out.progressDone();
    const { plan } = result;
    out.result(argv['dry-run'] ? { name: plan.name, cells: plan.cells, count: plan.cells.length, done: plan.done, stages: plan.stages, estimate: plan.estimate ?? null } : { name: plan.name, stages: result.stages, report: result.report, outDir: plan.layout.outDir }, () => {
      if (!argv['dry-run']) return [`study ${plan.name}: ${result.stages.map((s) => `${s.stage} ${s.action}`).join(', ')}`, `report: ${result.report}`].join('\n');
      return [
        `study ${plan.name} → ${plan.layout.outDir}`,
        ...plan.stages.map((s) => `  [${s.status}] ${s.stage}: ${s.detail}`),
        `cells (task language method setting seed): ${plan.cells.length}, ${plan.done} done`,
        plan.estimate ? describeStudyTime(plan.estimate) : 'estimated wall time: no measured step speed for this model and method',
        ...plan.cells.map((c) => `  ${c.task} ${c.language} ${c.method} ${c.setting} ${c.seed}`),
      ].join('\n');
    });
  },
};
