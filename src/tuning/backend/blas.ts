import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

/**
 * A native OpenBLAS reached through koffi (an FFI whose npm package ships prebuilt binaries), for
 * the matmuls of the wasm backend: 128-bit wasm SIMD without FMA caps XNNPACK at 22–36 GFLOP/s on
 * one core, where OpenBLAS's AVX2/AVX-512 `sgemm` does ~100 (docs/benchmarks.md).
 */
export interface Blas {
  /** The shared library that was loaded. */
  library: string;
  /** `openblas_get_config()`: version, core and threading model. */
  config: string;
  /** Threads OpenBLAS was set to use. */
  threads: number;
  /**
   * Row-major `C = A·B` (`alpha` 1, `beta` 0) on float32 views, each flag transposing its operand
   * as stored: A is `[m, k]` (or `[k, m]` with `transA`), B is `[k, n]` (or `[n, k]`), C `[m, n]`.
   * The views may lie in a wasm heap: koffi passes their memory, nothing is copied.
   */
  sgemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void;
}

/** Where Debian/Ubuntu and Homebrew put OpenBLAS; the OpenMP build first (the pthread one is 2–3× slower under load). */
export const BLAS_CANDIDATES: readonly string[] = [
  '/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0',
  '/usr/lib/aarch64-linux-gnu/openblas-openmp/libopenblas.so.0',
  '/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0',
  '/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0',
  'libopenblas.so.0',
  // The alternatives' libblas counts only where it is OpenBLAS (checked below): the reference BLAS is slower than XNNPACK.
  'libblas.so.3',
  '/opt/homebrew/opt/openblas/lib/libopenblas.dylib',
  '/usr/local/opt/openblas/lib/libopenblas.dylib',
];

const CBLAS_ROW_MAJOR = 101;
const CBLAS_NO_TRANS = 111;
const CBLAS_TRANS = 112;

export type BlasLookup = { blas: Blas; tried: string[] } | { blas?: undefined; tried: string[] };

let cached: BlasLookup | undefined;

/**
 * OpenBLAS threads for this process: `$TOKGAP_BLAS_THREADS`, else every core. One process alone
 * (pretrain, one run, the 564M bench arm) gets the whole machine; a grid's worker processes get
 * cores / workers each (`sharedCoresEnv`), so that threads never outnumber cores: OpenMP threads
 * spin at their barriers when they wait for a core.
 */
export function blasThreads(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number.parseInt(env.TOKGAP_BLAS_THREADS ?? '', 10);
  return Number.isInteger(given) && given >= 1 ? given : availableParallelism();
}

/** The environment of one of `processes` worker processes sharing this machine's cores. */
export function sharedCoresEnv(processes: number, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.TOKGAP_BLAS_THREADS !== undefined) return env;
  return { ...env, TOKGAP_BLAS_THREADS: String(Math.max(1, Math.floor(availableParallelism() / Math.max(1, processes)))) };
}

/**
 * Load OpenBLAS once per process: `$TOKGAP_BLAS` (a library path) if set, else the first of
 * `BLAS_CANDIDATES` that loads and exports `cblas_sgemm` and `openblas_set_num_threads`.
 * `blasThreads()` sets its threads. `tried` says why each candidate was passed over.
 */
export function findBlas(): BlasLookup {
  if (cached === undefined) cached = _find();
  return cached;
}

function _find(): BlasLookup {
  const tried: string[] = [];
  let koffi: KoffiLike;
  try {
    koffi = createRequire(import.meta.url)('koffi') as KoffiLike;
  } catch (error) {
    return { tried: [`koffi: ${_message(error)}`] };
  }
  const threads = blasThreads();
  const coretype = avx512CoreType(_cpuInfo());
  // OpenBLAS reads it once, when the library loads; a value the user set wins.
  if (coretype !== undefined && process.env.OPENBLAS_CORETYPE === undefined) process.env.OPENBLAS_CORETYPE = coretype;
  const candidates = process.env.TOKGAP_BLAS ? [process.env.TOKGAP_BLAS] : BLAS_CANDIDATES;
  for (const library of candidates) {
    let lib: KoffiLib;
    try {
      lib = koffi.load(library);
    } catch (error) {
      tried.push(`${library}: ${_message(error)}`);
      continue;
    }
    try {
      const setThreads = lib.func('void openblas_set_num_threads(int)');
      const getConfig = lib.func('const char *openblas_get_config()');
      // `float *` on a Float32Array passes the view's own memory (measured: ~1 µs a call, no copy).
      const cblas = lib.func('void cblas_sgemm(int, int, int, int, int, int, float, float *, int, float *, int, float, float *, int)');
      setThreads(threads);
      return {
        tried,
        blas: {
          library,
          config: String(getConfig()),
          threads,
          sgemm: (transA, transB, m, n, k, a, b, c) =>
            cblas(CBLAS_ROW_MAJOR, transA ? CBLAS_TRANS : CBLAS_NO_TRANS, transB ? CBLAS_TRANS : CBLAS_NO_TRANS, m, n, k, 1, a, transA ? m : k, b, transB ? k : n, 0, c, n),
        },
      };
    } catch (error) {
      tried.push(`${library}: not OpenBLAS (${_message(error)})`);
      lib.unload?.();
    }
  }
  return { tried };
}

/**
 * The OpenBLAS kernel set to ask for on AMD CPUs with AVX-512 (Zen 4 and later): OpenBLAS 0.3.21
 * (Debian 12) does not know them and falls back to its AVX2 `Haswell` kernels; later releases map
 * Zen 4 to `SkylakeX`, as this does. Measured on an AMD EPYC (Zen 4), one thread, [1184, 256] ×
 * [256, 1024]: 107 GFLOP/s as Haswell, 203 as SkylakeX. Undefined elsewhere (OpenBLAS's own choice).
 */
export function avx512CoreType(cpuinfo: string): string | undefined {
  const vendor = /^vendor_id\s*:\s*(\S+)/m.exec(cpuinfo)?.[1];
  const flags = new Set((/^flags\s*:(.*)$/m.exec(cpuinfo)?.[1] ?? '').trim().split(/\s+/));
  const avx512 = ['avx512f', 'avx512bw', 'avx512dq', 'avx512vl'].every((f) => flags.has(f));
  return vendor === 'AuthenticAMD' && avx512 ? 'SkylakeX' : undefined;
}

function _cpuInfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return ''; // not Linux: leave the choice to OpenBLAS
  }
}

interface KoffiLib {
  func(signature: string): (...args: unknown[]) => unknown;
  unload?(): void;
}
interface KoffiLike {
  load(path: string): KoffiLib;
}

function _message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
