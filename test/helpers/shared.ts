import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test data in two places:
 * - `test/fixtures/` (in the repository, what `npm test` uses): the golden files made by the
 *   reference stack (`golden/`), a cut of the task data (`data/`, the first examples of a few
 *   languages) and the XGLM reference table (`reference/`); see test/fixtures/README.md.
 * - the full shared data, $TOKGAP_SHARED or ../shared beside the repository (only `npm run
 *   test:data`, files named `*.data.test.ts`): all of FLORES-200 and the task data.
 */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const GOLDEN_DIR = resolve(FIXTURES_DIR, 'golden');
/** The cut of the task data, laid out as the full one. */
export const FIXTURE_DATA_DIR = resolve(FIXTURES_DIR, 'data');
export const goldenPath = (...parts: string[]): string => resolve(GOLDEN_DIR, ...parts);
export const fixtureDataPath = (...parts: string[]): string => resolve(FIXTURE_DATA_DIR, ...parts);
export const fixturePath = (...parts: string[]): string => resolve(FIXTURES_DIR, ...parts);

/** The full shared folder: only for `*.data.test.ts` (npm run test:data). */
export const SHARED_DIR = resolve(process.env.TOKGAP_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url)));
export const DATA_DIR = resolve(SHARED_DIR, 'data');
export const sharedPath = (...parts: string[]): string => resolve(SHARED_DIR, ...parts);
export const dataPath = (...parts: string[]): string => resolve(DATA_DIR, ...parts);
