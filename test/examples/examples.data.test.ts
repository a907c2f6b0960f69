// Every example a newcomer reads, run as written: the README's shell blocks and each command's
// `--help` examples, in a folder laid out like a clone beside ../shared. TOKGAP_SMOKE caps the
// training budgets (src/util/smoke.ts) so the whole set runs in minutes; paths, data, downloads
// and outputs are exercised exactly as typed. `hub:facebook/xglm-564M` is served by the hub
// mimic on 127.0.0.1 (a tiny model with the golden tokenizer under that name), and the queue's
// `redis://10.0.0.5:6379/0` by a redis-server on 127.0.0.1 (see `onLocalQueue`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { commands } from '../../src/cli/commands/index.js';
import { builderCalls } from '../../src/cli/builder-calls.js';
import { startHubMimic, type HubMimic } from '../helpers/hub-mimic.js';
import { startRedisServer, type TestRedis } from '../helpers/redis.js';
import { DATA_DIR, SHARED_DIR, goldenPath } from '../helpers/shared.js';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'dist/cli/main.js');

/** The `.example(command, description)` calls of a command's builder, read through a stand-in yargs. */
export function helpExamples(command: CommandModule<object, any>): string[] {
  return builderCalls(command).filter((c) => c.method === 'example').map((c) => String(c.args[0]).replace(/\$0/g, 'analyze'));
}

/** The README's `sh` blocks, less the install and test commands themselves (`npm install`, `npm test`, `npm run test:data`). */
export function readmeBlocks(readme: string): string[] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => !/^\s*npm (install|test|run test)\b/m.test(b));
}

let sandbox: string;
let work: string;
let env: NodeJS.ProcessEnv;
let hub: HubMimic | undefined;
let redis: TestRedis | undefined;

/** The examples' queue host and shared checkpoint folder. */
const EXAMPLE_QUEUE = 'redis://10.0.0.5:6379/0';
const EXAMPLE_CHECKPOINTS = '/mnt/shared/ckpt';

/**
 * An example as written, with the queue on the local Redis and the shared folder in the sandbox.
 * `analyze worker` runs until stopped on its own machine: in a README block it runs in the
 * background (stopped when the block ends) while the block's other lines enqueue and follow; a
 * help example runs alone, so it gets `--exit-when-done` and must connect, find the queue empty and
 * exit 0.
 */
export function onLocalQueue(script: string, queueUrl: string, checkpoints: string, alone: boolean): string {
  const local = script.split(EXAMPLE_QUEUE).join(queueUrl).split(EXAMPLE_CHECKPOINTS).join(checkpoints);
  const lines = local.split('\n').map((line) => {
    const worker = /^(\s*(?:npx )?analyze worker\b[^#]*?)\s*(#.*)?$/.exec(line);
    if (!worker) return line;
    return alone ? `${worker[1]} --exit-when-done` : `${worker[1]} &`;
  });
  const background = lines.some((l) => l.endsWith(' &'));
  return background ? `trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n${lines.join('\n')}` : lines.join('\n');
}

/** Runs asynchronously: the hub mimic lives in this process and must keep answering. */
function shell(example: string, alone: boolean): Promise<{ status: number | null; output: string }> {
  const script = onLocalQueue(example, redis!.url, join(sandbox, 'ckpt'), alone);
  return new Promise((done) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-20_000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (status) => done({ status, output: output.split('\n').slice(-15).join('\n') }));
  });
}

test.before(async () => {
  sandbox = mkdtempSync(join(tmpdir(), 'tokgap-examples-'));
  work = join(sandbox, 'work');
  mkdirSync(work);
  symlinkSync(SHARED_DIR, join(sandbox, 'shared'));
  cpSync(join(root, 'analyses'), join(work, 'analyses'), { recursive: true });
  cpSync(join(root, 'README.md'), join(work, 'README.md'));
  const bin = join(sandbox, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'analyze'), `#!/bin/sh\nexec "${process.execPath}" "${main}" "$@"\n`);
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = analyze ] && shift\nexec "${process.execPath}" "${main}" "$@"\n`);
  for (const f of ['analyze', 'npx']) chmodSync(join(bin, f), 0o755);
  // facebook/xglm-564M on the mimic: a tiny model pretrained here, with its SentencePiece files.
  const model = join(sandbox, 'hub-model');
  writeFileSync(join(sandbox, 'corpus.txt'), 'Tokenizers treat languages unequally.\nA second line of text.\n'.repeat(20));
  const made = spawnSync(process.execPath, [main, 'pretrain', '--corpus', join(sandbox, 'corpus.txt'), '--tokenizer', `spm:${goldenPath('udhr-unigram-8k.model')}`,
    '--out', model, '--d-model', '16', '--layers', '1', '--heads', '2', '--ffn', '32', '--seq-len', '64', '--steps', '1', '--quiet'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const files = Object.fromEntries(readdirSync(model).filter((f) => !f.endsWith('.ckpt')).map((f) => [f, new Uint8Array(readFileSync(join(model, f)))]));
  hub = await startHubMimic({ 'facebook/xglm-564M': { files } });
  redis = await startRedisServer();
  env = {
    ...process.env, PATH: `${bin}:${process.env.PATH}`, TOKGAP_SMOKE: '1', TOKGAP_DEBUG: '',
    HF_HOME: join(sandbox, 'hf'), HF_HUB_CACHE: '', HF_ENDPOINT: hub.endpoint, HF_TOKEN: '', TOKGAP_DATA: DATA_DIR,
    TOKGAP_CACHE: join(sandbox, 'cache'),
  };
  delete env.HF_HUB_CACHE;
  delete env.HF_HUB_OFFLINE;
});

test.after(async () => {
  await hub?.close();
  await redis?.stop();
  rmSync(sandbox, { recursive: true, force: true });
});

test('every README shell block runs as written and exits 0', async () => {
  const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.ok(blocks.length >= 3, 'the README has its example blocks');
  for (const block of blocks) {
    const r = await shell(block, false);
    assert.equal(r.status, 0, `README block failed:\n${block}\n--- last output ---\n${r.output}`);
  }
});

/** Producers before consumers, so the help examples need nothing the README blocks made: a model
 * before tuning, tuning results before the report and correlation that read them. */
const RUN_ORDER = ['tokenization', 'encode', 'pretrain', 'tune', 'report', 'correlate', 'study', 'worker', 'queue'];

function commandName(command: CommandModule<object, any>): string {
  return String(command.command).split(' ')[0]!;
}

test("every command's --help example runs as written and exits 0", async () => {
  let count = 0;
  const ordered = [...commands].sort((a, b) => RUN_ORDER.indexOf(commandName(a)) - RUN_ORDER.indexOf(commandName(b)));
  assert.deepEqual(ordered.map(commandName).sort(), [...RUN_ORDER].sort(), 'RUN_ORDER names every command');
  for (const command of ordered) {
    for (const example of helpExamples(command)) {
      count++;
      const r = await shell(example, true);
      assert.equal(r.status, 0, `help example failed: ${example}\n--- last output ---\n${r.output}`);
    }
  }
  assert.ok(count >= 15, `found ${count} help examples`);
});
