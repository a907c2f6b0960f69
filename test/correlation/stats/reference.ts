/**
 * Reference values computed ONCE with Debian's python3-scipy 1.10.1 / numpy 1.24.2 while writing
 * these tests (script kept in the test comments below); the TypeScript code never ran scipy.
 */
// Anscombe's quartet, data set I (Anscombe 1973, "Graphs in Statistical Analysis").
// Published: r = 0.816, y = 3.00 + 0.500 x, R² = 0.67.
export const ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
export const ANSCOMBE_Y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

// A 7-language example (PAWS-X has 7 languages): x = a fertility-like metric, y = a gap,
// z = log XGLM tokens_b of en, de, es, fr, ja, ko, zh.
export const X7 = [1.21, 1.35, 1.48, 1.52, 1.9, 2.4, 2.05];
export const Y7 = [-0.02, -0.05, -0.04, -0.09, -0.12, -0.2, -0.11];
export const Z7 = [803.53, 89.22, 87.3, 77.42, 66.05, 20.0, 132.77].map(Math.log);
