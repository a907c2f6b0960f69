/**
 * `analyze encode` against `spm_encode`, as whole processes, the way a user runs them:
 *
 *   analyze encode --tokenizer spm:M [--workers N] < text > ids
 *   spm_encode --model M --output_format=id < text > ids
 *
 * Start-up, model load, reading and writing are all in the time. Text: FLORES-200 dev + devtest
 * of the 30 XGLM languages (~12.4 MB, 60k lines). Models: the two golden 8k models and the
 * 256k-piece unigram model trained once with spm_train (bench/tokenization-encode.ts,
 * ensureBigModel). Every arm's output is checked byte for byte against spm_encode's (exact ids
 * first); the arms take turns in each round and each arm's median round is reported, with
 * `uptime` before and after, since the machine is shared.
 *
 *   npm run build && node --import tsx bench/encode-cli.ts [--repeat 5] [--workers 1,2] [--model extra.model ...]
 *     [--baseline OTHER/dist/cli/main.js]   (another build as an extra arm, e.g. before a change)
 *
 * Needs dist/ (the CLI as installed), spm_encode and GNU time (/usr/bin/time) for CPU and RSS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBigModel } from './tokenization-encode.js';

export const XGLM_FLORES = ('eng_Latn rus_Cyrl zho_Hans deu_Latn spa_Latn fra_Latn jpn_Jpan ita_Latn por_Latn ell_Grek ' +
  'kor_Hang fin_Latn ind_Latn tur_Latn arb_Arab vie_Latn tha_Thai bul_Cyrl cat_Latn hin_Deva est_Latn ben_Beng ' +
  'tam_Taml urd_Arab swh_Latn tel_Telu eus_Latn mya_Mymr hat_Latn quy_Latn').split(' ');

export interface CliArmResult {
  arm: string;
  /** Median wall seconds over the rounds. */
  wall: number;
  /** Median user + system CPU seconds. */
  cpu: number;
  /** Largest peak RSS over the rounds, MB. */
  rssMb: number;
  /** Output byte-identical to spm_encode's in every round. */
  identical: boolean;
}

export interface CliModelResult {
  model: string;
  arms: CliArmResult[];
}

export interface CliBenchOptions {
  sharedDir?: string;
  cacheDir?: string;
  models?: string[];
  repeat?: number;
  workers?: number[];
  /** Another build's dist/cli/main.js, timed as an extra arm (e.g. the code before a change). */
  baselineCli?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The 30 languages' dev + devtest, one sentence per line (written once). */
export function xglmFloresText(sharedDir: string, cacheDir: string): string {
  const path = join(cacheDir, 'flores-xglm30-dev-devtest.txt');
  if (existsSync(path)) return path;
  mkdirSync(cacheDir, { recursive: true });
  const parts: string[] = [];
  for (const split of ['dev', 'devtest']) {
    for (const code of XGLM_FLORES) parts.push(readFileSync(join(sharedDir, 'data', 'flores200', split, `${code}.${split}`), 'utf8'));
  }
  writeFileSync(path, parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join(''));
  return path;
}

interface Run { wall: number; cpu: number; rssKb: number; out: Buffer }

/** One whole process, stdin from `input`, stdout to a file; GNU time reports CPU and RSS. */
function runProcess(cmd: string, args: string[], input: string, outPath: string, timePath: string): Run {
  const inFd = openSync(input, 'r');
  const outFd = openSync(outPath, 'w');
  const t0 = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timePath, cmd, ...args], { stdio: [inFd, outFd, 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(inFd);
  closeSync(outFd);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${String(res.stderr)}`);
  const [user, sys, rss] = readFileSync(timePath, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: user! + sys!, rssKb: rss!, out: readFileSync(outPath) };
}

export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return '(uptime unavailable)';
  }
}

export function benchEncodeCli(options: CliBenchOptions = {}): CliModelResult[] {
  const root = resolve(new URL('..', import.meta.url).pathname);
  const sharedDir = resolve(options.sharedDir ?? process.env.TOKGAP_SHARED ?? join(root, '..', 'shared'));
  const cacheDir = resolve(options.cacheDir ?? join(root, '.tokgap-cache', 'bench'));
  const cli = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  const repeat = options.repeat ?? 5;
  const workers = options.workers ?? [1, 2];
  const input = xglmFloresText(sharedDir, cacheDir);
  const models = options.models ?? [
    join(sharedDir, 'fixtures', 'golden', 'udhr-unigram-8k.model'),
    join(sharedDir, 'fixtures', 'golden', 'udhr-bpe-8k-bytefallback.model'),
    ensureBigModel(sharedDir, cacheDir),
  ];
  const scratch = join(cacheDir, 'cli-bench');
  mkdirSync(scratch, { recursive: true });
  const timePath = join(scratch, 'time.txt');
  const results: CliModelResult[] = [];
  for (const model of models) {
    const arms: { name: string; cmd: string; args: string[] }[] = [
      { name: 'spm_encode', cmd: 'spm_encode', args: [`--model=${model}`, '--output_format=id'] },
      ...(options.baselineCli ? [{ name: 'baseline analyze encode', cmd: process.execPath, args: [options.baselineCli, 'encode', '--tokenizer', `spm:${model}`] }] : []),
      ...workers.map((w) => ({ name: `analyze encode --workers ${w}`, cmd: process.execPath, args: [cli, 'encode', '--tokenizer', `spm:${model}`, '--workers', String(w)] })),
    ];
    const runs = arms.map(() => [] as Run[]);
    // The reference ids, from one untimed spm_encode run (it also warms the page cache).
    const want = runProcess(arms[0]!.cmd, arms[0]!.args, input, join(scratch, 'want.txt'), timePath).out;
    const identical = arms.map(() => true);
    for (let r = 0; r < repeat; r++) {
      // Rotate the order every round so that a burst of others' load does not always hit one arm.
      for (let k = 0; k < arms.length; k++) {
        const a = (k + r) % arms.length;
        const arm = arms[a]!;
        const run = runProcess(arm.cmd, arm.args, input, join(scratch, `out-${a}.txt`), timePath);
        if (!run.out.equals(want)) identical[a] = false;
        runs[a]!.push({ ...run, out: Buffer.alloc(0) });
      }
    }
    results.push({
      model: model.split('/').pop()!,
      arms: arms.map((arm, a) => ({
        arm: arm.name,
        wall: median(runs[a]!.map((x) => x.wall)),
        cpu: median(runs[a]!.map((x) => x.cpu)),
        rssMb: Math.max(...runs[a]!.map((x) => x.rssKb)) / 1024,
        identical: identical[a]!,
      })),
    });
  }
  rmSync(scratch, { recursive: true, force: true });
  return results;
}

/** Lines for a terminal: each arm, and its speed ratio to spm_encode (wall and CPU). */
export function formatCliBench(results: readonly CliModelResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const spm = r.arms[0]!;
    lines.push(`${r.model}`);
    for (const a of r.arms) {
      const ratio = a === spm ? '' : `  ratio wall ${(spm.wall / a.wall).toFixed(2)}x, CPU ${(spm.cpu / a.cpu).toFixed(2)}x  identical ${a.identical}`;
      lines.push(`  ${a.arm.padEnd(28)} wall ${a.wall.toFixed(2)} s  CPU ${a.cpu.toFixed(2)} s  peak RSS ${a.rssMb.toFixed(0)} MB${ratio}`);
    }
  }
  return lines;
}

function main(): void {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const extra = args.flatMap((a, i) => (a === '--model' ? [args[i + 1]!] : []));
  const options: CliBenchOptions = {
    repeat: Number(value('--repeat') ?? 5),
    ...(value('--workers') ? { workers: value('--workers')!.split(',').map(Number) } : {}),
    ...(extra.length > 0 ? { models: extra } : {}),
    ...(value('--baseline') ? { baselineCli: resolve(value('--baseline')!) } : {}),
  };
  console.log(`before: ${uptime()}`);
  const results = benchEncodeCli(options);
  for (const line of formatCliBench(results)) console.log(line);
  console.log(`after:  ${uptime()}`);
  if (results.some((r) => r.arms.some((a) => !a.identical))) {
    console.error('ids differ from spm_encode');
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
