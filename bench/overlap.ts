/**
 * Cost of the cross-language tables (src/stats/overlap) at FLORES-200 scale: 204 languages whose
 * token distributions are Zipf-like over a 256k vocabulary (XGLM's size), 100k tokens each with a
 * language-specific slice of the vocabulary, so about 20k distinct ids per language. Prints the
 * time of the JSD matrix and the allocation, and the memory they add.
 *
 *   node --import tsx bench/overlap.ts [languages] [vocab] [tokens]
 */
import { performance } from 'node:perf_hooks';
import { allocateVocabulary, jsdMatrix, sparseDistribution } from '../src/stats/overlap/index.js';

const [languages = 204, vocab = 256_000, tokens = 100_000] = process.argv.slice(2).map(Number);

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

// Each language draws from a shared head (ids 0 … 2k) and its own region of the vocabulary.
// Building these Maps is what the counters do per token: it is the reference the overlap cost is put against.
const tBuild0 = performance.now();
const counts: Map<number, number>[] = [];
for (let l = 0; l < languages; l++) {
  const rand = rng(l + 1);
  const m = new Map<number, number>();
  const base = Math.floor((l / languages) * (vocab - 40_000));
  for (let k = 0; k < tokens; k++) {
    const rank = Math.floor(Math.exp(rand() * Math.log(40_000))) - 1; // log-uniform ≈ Zipf
    const id = rank < 2000 && rand() < 0.5 ? rank : base + rank;
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  counts.push(m);
}
const tBuild = performance.now() - tBuild0;
const distinct = counts.reduce((s, m) => s + m.size, 0) / languages;
global.gc?.();
const heap0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
let t = performance.now();
const dists = counts.map((m) => sparseDistribution(m));
const tSparse = performance.now() - t;
t = performance.now();
const matrix = jsdMatrix(dists);
const tJsd = performance.now() - t;
t = performance.now();
const alloc = allocateVocabulary(dists);
const tAlloc = performance.now() - t;
const heap1 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
console.log(`${languages} languages, vocab ${vocab}, ${tokens} tokens each, ${Math.round(distinct)} distinct ids per language on average`);
console.log(`sparse distributions ${tSparse.toFixed(0)} ms, JSD matrix (${(languages * (languages - 1)) / 2} pairs) ${tJsd.toFixed(0)} ms, allocation ${tAlloc.toFixed(0)} ms`);
console.log(`reference, same run: building the id-count Maps (plus drawing the tokens) ${tBuild.toFixed(0)} ms; overlap total / reference = ${((tSparse + tJsd + tAlloc) / tBuild).toFixed(2)}`);
console.log(`memory added (heap + array buffers): ${((heap1 - heap0) / 2 ** 20).toFixed(1)} MB; matrix ${(matrix.byteLength / 2 ** 20).toFixed(2)} MB; ids used by any language ${alloc.usedByAny}`);
