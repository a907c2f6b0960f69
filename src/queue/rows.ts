/**
 * Finished rows in Redis: one hash field per cell (the results file's `resultKey`), written with
 * HSETNX, so a cell done twice (a retried job whose first attempt finished after all) keeps one row.
 */
import type { Redis } from 'ioredis';
import { ResultRowSchema, resultKey } from '../tuning/results-io.js';
import type { ResultRow } from '../tuning/results.js';
import { cellKey, type CellRef } from './cell.js';
import { QUEUE_KEYS } from './connection.js';

/** Store each row unless its cell already has one; returns how many were new. */
export async function storeRows(redis: Redis, rows: readonly ResultRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const pipeline = redis.multi();
  for (const row of rows) pipeline.hsetnx(QUEUE_KEYS.rows, resultKey(row), JSON.stringify(ResultRowSchema.parse(row)));
  const answers = (await pipeline.exec()) ?? [];
  return answers.filter(([error, added]) => error === null && added === 1).length;
}

const _parse = (text: string): ResultRow => ResultRowSchema.parse(JSON.parse(text)) as ResultRow;

/** The stored row of each cell, or undefined where it has none yet. */
export async function rowsOfCells(redis: Redis, cells: readonly CellRef[]): Promise<(ResultRow | undefined)[]> {
  if (cells.length === 0) return [];
  const found = await redis.hmget(QUEUE_KEYS.rows, ...cells.map(cellKey));
  return found.map((text) => (text === null ? undefined : _parse(text)));
}

/** Every stored row (HSCAN, so a large grid does not block Redis). */
export async function allRows(redis: Redis): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(QUEUE_KEYS.rows, cursor, 'COUNT', 500);
    for (let i = 1; i < flat.length; i += 2) rows.push(_parse(flat[i]!));
    cursor = next;
  } while (cursor !== '0');
  return rows;
}

/** How many rows are stored. */
export function countRows(redis: Redis): Promise<number> {
  return redis.hlen(QUEUE_KEYS.rows);
}
