/** Statistics and results files for correlation-report tests (hand-made; see the comments). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenPath } from './shared.js';
import { X7, Y7 } from '../correlation/stats/reference.js';

const ISO = ['en', 'de', 'es', 'fr', 'ja', 'ko', 'zh'];
const spec = `spm:${goldenPath('udhr-unigram-8k.model')}`;

/** Statistics with one ratio (fertility), two raw counts (tokens, bytes) and one overlap metric; results for pos. */
export function writeCorrelationFixture(dir: string): { stats: string; results: string } {
  const stats = join(dir, 'tokenization.csv');
  const rows = ISO.flatMap((l, i) => [
    `${spec},udhr,${l},tokens,${1800 + 40 * i},segmenter`,
    `${spec},udhr,${l},bytes,${52_000 + 9000 * i * i},segmenter`,
    `${spec},udhr,${l},fertility,${X7[i]},segmenter`,
    `${spec},udhr,${l},jsd_english,${l === 'en' ? 0 : 0.2 + 0.05 * i},segmenter`,
  ]);
  writeFileSync(stats, ['tokenizer,corpus,language,metric,value,word_source', ...rows].join('\n'));
  const results = join(dir, 'results.jsonl');
  writeFileSync(results, `${ISO.flatMap((l, i) => [
    JSON.stringify({ task: 'pos', language: l, method: 'prompt', seed: 1, score: 0.5 + Y7[i]! }),
    JSON.stringify({ task: 'pos', language: l, method: 'finetune', seed: 1, score: 0.5 }),
  ]).join('\n')}\n`);
  return { stats, results };
}

