import { resolve } from 'node:path';

/** The shared fixtures folder: $TOKGAP_SHARED, else ../shared beside the repository. */
export const SHARED_DIR = resolve(process.env.TOKGAP_SHARED ?? new URL('../../../shared', import.meta.url).pathname);
export const GOLDEN_DIR = resolve(SHARED_DIR, 'fixtures/golden');
export const DATA_DIR = resolve(SHARED_DIR, 'data');
export const sharedPath = (...parts: string[]): string => resolve(SHARED_DIR, ...parts);
export const goldenPath = (...parts: string[]): string => resolve(GOLDEN_DIR, ...parts);
export const dataPath = (...parts: string[]): string => resolve(DATA_DIR, ...parts);
