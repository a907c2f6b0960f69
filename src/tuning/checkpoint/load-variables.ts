import * as tf from '@tensorflow/tfjs';
import { toFloat32 } from './dtypes.js';
import { openCheckpointFolder } from './folder.js';
import { assertKeysMatch, matchCheckpointKeys, type KeyMatchOptions, type KeyReport } from './keys.js';
import type { CheckpointReader } from './types.js';

export interface LoadWeightsOptions extends KeyMatchOptions {
  /** Told about unexpected tensors (transformers logs them as a warning); the library never prints. */
  onWarning?: (message: string) => void;
  /** What the expected shapes come from, for the error (default `config.json`). */
  against?: string;
}

/**
 * Check a reader's names and shapes against `expected` (one error listing every problem, before any
 * bytes are read), then read tensor by tensor into float32 variables. Each tensor's bytes are read,
 * widened and handed to tfjs before the next is read, so a load holds the model plus one tensor.
 */
export function readIntoVariables(
  reader: CheckpointReader,
  source: string,
  expected: ReadonlyMap<string, readonly number[]>,
  options: LoadWeightsOptions = {},
): { variables: Map<string, tf.Variable>; report: KeyReport } {
  const match = _check(reader, source, expected, options);
  const variables = new Map<string, tf.Variable>();
  try {
    for (const [name, shape] of expected) {
      const key = match.stored.get(name)!;
      const values = toFloat32(reader.read(key), key, reader.info(key)?.file);
      // tf.variable shares the tensor's data (no copy); disposing the tensor drops only its handle.
      const init = tf.tensor(values, [...shape], 'float32');
      variables.set(name, tf.variable(init, true, undefined));
      init.dispose();
    }
  } catch (error) {
    variables.forEach((v) => v.dispose());
    throw error;
  }
  return { variables, report: match.report };
}

/** Same checks, then assign each tensor into an existing variable (resume, reload into a model). */
export function assignFromReader(
  reader: CheckpointReader,
  source: string,
  targets: ReadonlyMap<string, tf.Variable>,
  options: LoadWeightsOptions = {},
): KeyReport {
  const expected = new Map([...targets].map(([n, v]) => [n, v.shape] as const));
  const match = _check(reader, source, expected, options);
  for (const [name, v] of targets) {
    const key = match.stored.get(name)!;
    const value = tf.tensor(toFloat32(reader.read(key), key, reader.info(key)?.file), v.shape, 'float32');
    v.assign(value); // assign copies: free the source
    value.dispose();
  }
  return match.report;
}

/** Open a model folder (whichever form it holds) and read it into variables. */
export function loadFolderIntoVariables(dir: string, expected: ReadonlyMap<string, readonly number[]>, options: LoadWeightsOptions = {}): Map<string, tf.Variable> {
  const reader = openCheckpointFolder(dir);
  try {
    return readIntoVariables(reader, reader.source, expected, options).variables;
  } finally {
    reader.close();
  }
}

/** Open a model folder and assign its tensors into `targets`. */
export function assignFolderIntoVariables(dir: string, targets: ReadonlyMap<string, tf.Variable>, options: LoadWeightsOptions = {}): void {
  const reader = openCheckpointFolder(dir);
  try {
    assignFromReader(reader, reader.source, targets, options);
  } finally {
    reader.close();
  }
}

function _check(reader: CheckpointReader, source: string, expected: ReadonlyMap<string, readonly number[]>, options: LoadWeightsOptions) {
  const match = matchCheckpointKeys(expected, reader, options);
  assertKeysMatch(match, expected, source, options.against);
  if (match.report.unexpected.length > 0) {
    const list = match.report.unexpected;
    options.onWarning?.(`${source}: ${list.length} tensor(s) the model does not use were ignored: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`);
  }
  return match;
}
