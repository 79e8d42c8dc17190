/**
 * Regularised score matching for zero-mean Gaussian graphical models (Lin, Drton & Shojaie 2016).
 * With q(x) ∝ exp(-x^T K x / 2) the score is -Kx and the sample score-matching loss is
 *   J(K) = 1/2 tr(K S K) - tr(K)          (MATH_NOTES B3.9), quadratic in K,
 * minimised at K = S^{-1}; an L1 penalty lambda sum_{i != j} |K_ij| gives a sparse graph.
 * Matrices are plain number[][] (p is small: up to a few dozen nodes).
 */
import { createRng, standardNormals } from './random';

export type Matrix = number[][];

/** The p x p identity. */
export function identity(p: number): Matrix {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
}

/** A B. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, value, k) => sum + value * b[k][j], 0)));
}

/** Lower Cholesky factor L with A = L L^T; throws if A is not positive definite. */
export function cholesky(a: Matrix): Matrix {
  const p = a.length;
  const l = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i][j];
      for (let k = 0; k < j; k += 1) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('matrix is not positive definite');
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  return l;
}

/** A^{-1} for symmetric positive-definite A, via Cholesky. */
export function invertSpd(a: Matrix): Matrix {
  const p = a.length;
  const l = cholesky(a);
  const inverse = identity(p);
  // Solve L Y = I, then L^T X = Y, column by column.
  for (let c = 0; c < p; c += 1) {
    const y = new Array<number>(p).fill(0);
    for (let i = 0; i < p; i += 1) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k += 1) sum -= l[i][k] * y[k];
      y[i] = sum / l[i][i];
    }
    for (let i = p - 1; i >= 0; i -= 1) {
      let sum = y[i];
      for (let k = i + 1; k < p; k += 1) sum -= l[k][i] * inverse[k][c];
      inverse[i][c] = sum / l[i][i];
    }
  }
  return inverse;
}

export type GraphKind = 'chain' | 'star' | 'grid' | 'random';

/** A sparse, diagonally dominant precision matrix with the given graph (edge weight 0.4 / -0.4). */
export function graphPrecision(kind: GraphKind, p: number, seed = 1): Matrix {
  const k = identity(p);
  const link = (i: number, j: number, weight: number) => {
    k[i][j] = weight;
    k[j][i] = weight;
  };
  if (kind === 'chain') for (let i = 0; i + 1 < p; i += 1) link(i, i + 1, 0.4);
  if (kind === 'star') for (let i = 1; i < p; i += 1) link(0, i, 0.3);
  if (kind === 'grid') {
    const side = Math.ceil(Math.sqrt(p));
    for (let i = 0; i < p; i += 1) {
      if ((i + 1) % side !== 0 && i + 1 < p) link(i, i + 1, 0.25);
      if (i + side < p) link(i, i + side, 0.25);
    }
  }
  if (kind === 'random') {
    const rng = createRng(seed);
    for (let i = 0; i < p; i += 1) for (let j = i + 1; j < p; j += 1) if (rng() < 2 / p) link(i, j, rng() < 0.5 ? 0.3 : -0.3);
  }
  // Make it strictly diagonally dominant, hence positive definite.
  for (let i = 0; i < p; i += 1) k[i][i] = 1 + k[i].reduce((sum, v, j) => sum + (i === j ? 0 : Math.abs(v)), 0);
  return k;
}

/** n draws from N(0, K^{-1}) as rows: x = L^{-T} z with K = L L^T. */
export function sampleFromPrecision(precision: Matrix, n: number, seed: number): Matrix {
  const p = precision.length;
  const covarianceFactor = cholesky(invertSpd(precision));
  const z = standardNormals(createRng(seed), n * p);
  return Array.from({ length: n }, (_, r) =>
    covarianceFactor.map((row) => row.reduce((sum, value, k) => sum + value * z[r * p + k], 0)));
}

/** S = X^T X / n (the data are zero-mean by construction). */
export function secondMoment(rows: Matrix): Matrix {
  const p = rows[0].length;
  const s = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const x of rows) for (let i = 0; i < p; i += 1) for (let j = 0; j < p; j += 1) s[i][j] += x[i] * x[j];
  return s.map((row) => row.map((v) => v / rows.length));
}

/** J(K) = 1/2 tr(K S K) - tr(K). */
export function scoreMatchingLoss(k: Matrix, s: Matrix): number {
  const ks = multiply(k, s);
  let value = 0;
  for (let i = 0; i < k.length; i += 1) {
    for (let j = 0; j < k.length; j += 1) value += 0.5 * ks[i][j] * k[j][i];
    value -= k[i][i];
  }
  return value;
}

/** The smallest lambda whose solution is diagonal: max_{i != j} |S_ij| (1/S_ii + 1/S_jj) / 2. */
export function lambdaMax(s: Matrix): number {
  let best = 0;
  for (let i = 0; i < s.length; i += 1) for (let j = i + 1; j < s.length; j += 1) best = Math.max(best, 0.5 * Math.abs(s[i][j]) * (1 / s[i][i] + 1 / s[j][j]));
  return best;
}

function largestEigenvalue(s: Matrix): number {
  let v = s.map(() => 1);
  let value = 0;
  for (let it = 0; it < 200; it += 1) {
    const w = s.map((row) => row.reduce((sum, a, j) => sum + a * v[j], 0));
    value = Math.sqrt(w.reduce((sum, a) => sum + a * a, 0));
    v = w.map((a) => a / value);
  }
  return value;
}

/**
 * argmin_K 1/2 tr(K S K) - tr(K) + lambda sum_{i != j} |K_ij| over symmetric K, by FISTA
 * (proximal gradient with momentum; the gradient 1/2 (SK + KS) - I is Lipschitz with lambda_max(S)).
 */
export function fitScoreMatchingGraph(s: Matrix, lambda: number, options: { iterations?: number; tolerance?: number } = {}): Matrix {
  const { iterations = 5000, tolerance = 1e-10 } = options;
  const step = 1 / largestEigenvalue(s);
  let k = s.map((row, i) => row.map((_, j) => (i === j ? 1 / s[i][i] : 0)));
  let y = k.map((row) => [...row]);
  let t = 1;
  for (let it = 0; it < iterations; it += 1) {
    const sy = multiply(s, y);
    const next = y.map((row, i) => row.map((value, j) => {
      const gradient = 0.5 * (sy[i][j] + sy[j][i]) - (i === j ? 1 : 0);
      const moved = value - step * gradient;
      if (i === j) return moved;
      return Math.sign(moved) * Math.max(0, Math.abs(moved) - step * lambda);
    }));
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    let change = 0;
    y = next.map((row, i) => row.map((value, j) => {
      change = Math.max(change, Math.abs(value - k[i][j]));
      return value + ((t - 1) / tNext) * (value - k[i][j]);
    }));
    k = next;
    t = tNext;
    if (change < tolerance) break;
  }
  return k;
}

/** Edges (i < j) whose |K_ij| exceeds `threshold`. */
export function edgesOf(k: Matrix, threshold = 1e-8): Set<string> {
  const edges = new Set<string>();
  for (let i = 0; i < k.length; i += 1) for (let j = i + 1; j < k.length; j += 1) if (Math.abs(k[i][j]) > threshold) edges.add(`${i}-${j}`);
  return edges;
}

/** True- and false-positive rates of an estimated edge set against the true one. */
export function edgeRates(truth: Set<string>, estimate: Set<string>, p: number): { truePositiveRate: number; falsePositiveRate: number; truePositives: number; falsePositives: number } {
  const pairs = (p * (p - 1)) / 2;
  let truePositives = 0;
  estimate.forEach((edge) => {
    if (truth.has(edge)) truePositives += 1;
  });
  const falsePositives = estimate.size - truePositives;
  const negatives = pairs - truth.size;
  return {
    truePositives,
    falsePositives,
    truePositiveRate: truth.size === 0 ? 0 : truePositives / truth.size,
    falsePositiveRate: negatives === 0 ? 0 : falsePositives / negatives,
  };
}

/** True- and false-positive rates of one edge estimate. */
export interface EdgeRatePoint {
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
}

/**
 * Edge recovery along the L1 path of score matching: one point per fraction of lambda_max in
 * `fractions` (1: no edges, 0: every edge), from the second-moment matrix `s`.
 */
export function scoreMatchingRocPath(s: Matrix, truth: Set<string>, fractions: readonly number[]): EdgeRatePoint[] {
  const p = s.length;
  const largest = lambdaMax(s);
  return fractions.map((fraction) => edgeRates(truth, edgesOf(fitScoreMatchingGraph(s, fraction * largest, { iterations: 1500, tolerance: 1e-8 }), 1e-6), p));
}

/**
 * Edge recovery by thresholding the partial correlations |(S^-1)_ij| / sqrt((S^-1)_ii (S^-1)_jj):
 * one point per distinct threshold, from none kept to all kept.
 */
export function partialCorrelationRoc(s: Matrix, truth: Set<string>): EdgeRatePoint[] {
  const p = s.length;
  const inverse = invertSpd(s);
  const partial = (i: number, j: number) => Math.abs(inverse[i][j]) / Math.sqrt(inverse[i][i] * inverse[j][j]);
  const magnitudes: number[] = [];
  for (let i = 0; i < p; i += 1) for (let j = i + 1; j < p; j += 1) magnitudes.push(partial(i, j));
  return [Infinity, ...[...magnitudes].sort((a, b) => b - a), 0].map((threshold) => {
    const kept = inverse.map((row, i) => row.map((v, j) => (i !== j && partial(i, j) >= threshold ? v : 0)));
    return edgeRates(truth, edgesOf(kept, 1e-12), p);
  });
}
