/** A study file's `queue` (or `analyze study --queue`) sends its tuning stage to the job queue. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseStudyConfig } from '../../src/studies/load-config.js';
import { runStudy } from '../../src/studies/run.js';
import { DEFAULT_STAGES, type StudyStages, type TuneInput } from '../../src/studies/stages.js';
import { freePort } from '../helpers/redis.js';

const root = new URL('../..', import.meta.url).pathname;
const demo = (queue?: string) => {
  const data = JSON.parse(readFileSync(join(root, 'analyses/demo.json'), 'utf8')) as Record<string, unknown>;
  return parseStudyConfig(queue === undefined ? data : { ...data, queue });
};
const stagesBefore = (tune: (input: TuneInput) => Promise<void>): StudyStages => ({
  async trainTokenizer({ output }) { mkdirSync(dirname(output), { recursive: true }); writeFileSync(output, 'spm'); },
  async statistics({ output }) { mkdirSync(dirname(output), { recursive: true }); writeFileSync(output, 'tokenizer,corpus,language,metric,value,word_source\n'); },
  async pretrain({ output }) { mkdirSync(output, { recursive: true }); writeFileSync(join(output, 'config.json'), '{}'); },
  tune,
});

test("the file's queue reaches the tuning stage; --queue overrides it; a bad URL is refused when the file is read", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-study-queue-'));
  try {
    for (const [file, option, expected] of [[undefined, undefined, undefined], ['redis://a:1/0', undefined, 'redis://a:1/0'], ['redis://a:1/0', 'redis://b:2/1', 'redis://b:2/1']] as const) {
      let seen: string | undefined = 'not called';
      const stages = stagesBefore(async (input) => { seen = input.queue; throw new Error('stop here'); });
      await assert.rejects(runStudy(demo(file), { outDir: join(dir, String(expected)), stages, ...(option ? { queue: option } : {}) }), /stop here/);
      assert.equal(seen, expected);
    }
    assert.throws(() => demo('localhost:6379'), /queue.*a Redis URL/);
    // The library's tuning stage goes to the queue when given one (here an unreachable one).
    const port = await freePort();
    await assert.rejects(DEFAULT_STAGES.tune({
      cells: [{ task: 'pos', language: 'en', method: 'prompt', setting: 'in-language', seed: 1, model: 'm' }], modelDir: 'm', modelName: 'm', budgets: demo().budgets,
      dataDir: dir, sourceLanguage: 'en', resultsFile: join(dir, 'r.jsonl'), queue: `redis://127.0.0.1:${port}/0`,
    }), (e: Error & { code?: string }) => e.code === 'QUEUE_UNREACHABLE');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
