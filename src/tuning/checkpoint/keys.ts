import { isFloatDtype } from './dtypes.js';
import { CheckpointMismatchError } from './errors.js';
import type { CheckpointReader, TensorDtype } from './types.js';

export interface KeyReport {
  /** Parameters the model needs that the checkpoint lacks. */
  missing: { name: string; expected: number[] }[];
  /** Present under the matched name but with another shape. */
  mismatched: { name: string; stored: string; file: string; found: number[]; expected: number[] }[];
  /** Present but not floating point (a parameter needs floats). */
  wrongDtype: { name: string; stored: string; file: string; dtype: TensorDtype }[];
  /** Checkpoint tensors the model has no place for (a warning, as in transformers). */
  unexpected: string[];
  /** Unexpected tensors dropped silently, as transformers' `_keys_to_ignore_on_load_unexpected`. */
  ignored: string[];
}

export interface KeyMatchOptions {
  /**
   * The base model's prefix (`model.` for XGLMForCausalLM): a checkpoint of the bare base model,
   * whose names lack it, loads too, as transformers accepts it.
   */
  basePrefix?: string;
  /** Unexpected names to drop silently (computed buffers, tied heads). */
  ignoreUnexpected?: readonly RegExp[];
}

export interface KeyMatch {
  /** Model parameter name → the name it has in the checkpoint. */
  stored: Map<string, string>;
  report: KeyReport;
}

/**
 * Match a checkpoint's names and shapes (from its headers, before any bytes are read) against the
 * parameters a model needs, as transformers' `_load_pretrained_model` does.
 */
export function matchCheckpointKeys(expected: ReadonlyMap<string, readonly number[]>, reader: CheckpointReader, options: KeyMatchOptions = {}): KeyMatch {
  const names = reader.names();
  const present = new Set(names);
  const prefix = options.basePrefix;
  // transformers: the model expects the prefix but no checkpoint key has it → a base-model checkpoint.
  const strip = prefix !== undefined && [...expected.keys()].some((n) => n.startsWith(prefix)) && !names.some((n) => n.startsWith(prefix));
  const report: KeyReport = { missing: [], mismatched: [], wrongDtype: [], unexpected: [], ignored: [] };
  const stored = new Map<string, string>();
  for (const [name, shape] of expected) {
    const key = strip && name.startsWith(prefix!) ? name.slice(prefix!.length) : name;
    const info = present.has(key) ? reader.info(key) : undefined;
    if (info === undefined) {
      report.missing.push({ name, expected: [...shape] });
      continue;
    }
    stored.set(name, key);
    if (info.shape.length !== shape.length || info.shape.some((s, k) => s !== shape[k])) {
      report.mismatched.push({ name, stored: key, file: info.file, found: info.shape, expected: [...shape] });
    } else if (!isFloatDtype(info.dtype)) {
      report.wrongDtype.push({ name, stored: key, file: info.file, dtype: info.dtype });
    }
  }
  const used = new Set(stored.values());
  for (const n of names) {
    if (used.has(n)) continue;
    if (options.ignoreUnexpected?.some((re) => re.test(n))) report.ignored.push(n);
    else report.unexpected.push(n);
  }
  return { stored, report };
}

/** How many problem lines an error lists before summarising the rest. */
const MAX_LINES = 20;

/**
 * Throw one error listing every missing, mis-shaped and non-float tensor (file, tensor, expected vs
 * found). `field` and `file` name the first problem in the model's parameter order.
 */
export function assertKeysMatch(match: KeyMatch, expected: ReadonlyMap<string, readonly number[]>, source: string, against = 'config.json'): void {
  const { missing, mismatched, wrongDtype } = match.report;
  if (missing.length + mismatched.length + wrongDtype.length === 0) return;
  const lines = new Map<string, { line: string; file: string }>();
  for (const m of missing) lines.set(m.name, { line: `missing ${m.name} (expected shape [${m.expected}])`, file: source });
  for (const m of mismatched) {
    lines.set(m.name, { line: `${m.stored} in ${m.file}: shape [${m.found}], expected [${m.expected}] from ${against}`, file: m.file });
  }
  for (const m of wrongDtype) lines.set(m.name, { line: `${m.stored} in ${m.file}: dtype ${m.dtype}, expected floating point`, file: m.file });
  const ordered = [...expected.keys()].filter((n) => lines.has(n)).map((n) => [n, lines.get(n)!] as const);
  const [firstName, first] = ordered[0]!;
  const shown = ordered.slice(0, MAX_LINES).map(([, l]) => `  ${l.line}`);
  if (ordered.length > MAX_LINES) shown.push(`  … and ${ordered.length - MAX_LINES} more`);
  const counts = [
    missing.length && `${missing.length} missing`,
    mismatched.length && `${mismatched.length} mis-shaped`,
    wrongDtype.length && `${wrongDtype.length} not floating point`,
  ].filter(Boolean).join(', ');
  throw new CheckpointMismatchError(`checkpoint does not match ${against}: ${counts}\n${shown.join('\n')}\n`, {
    file: first.file,
    field: firstName,
    expected: `the tensors ${against} describes`,
  });
}
