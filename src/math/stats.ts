/**
 * Summary statistics for Monte-Carlo estimates, and sample-size grids for convergence plots.
 */

/** Sample mean x̄ and standard error s / sqrt(n), s with the n - 1 divisor (Welford 1962); n = 1 gives stdErr = Infinity. */
export function meanAndStdErr(values: ArrayLike<number>): { mean: number; stdErr: number } {
  const n = values.length;
  if (n === 0) throw new RangeError('Need at least one value for a mean.');
  let mean = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const delta = x - mean;
    mean += delta / (i + 1);
    sumSquares += delta * (x - mean);
  }
  if (n === 1) return { mean, stdErr: Infinity };
  return { mean, stdErr: Math.sqrt(sumSquares / (n - 1) / n) };
}

/** About `count` integers spaced evenly in log10 from start to stop (both included), rounded, unique, increasing. */
export function logSpace(start: number, stop: number, count: number): number[] {
  if (!(start > 0) || !Number.isFinite(stop) || !(stop >= start)) {
    throw new RangeError(`Need 0 < start <= stop < Infinity, got start ${start}, stop ${stop}.`);
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`The count must be a whole number >= 1, got ${count}.`);
  const logStart = Math.log10(start);
  const logStop = Math.log10(stop);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = Math.round(count === 1 ? start : 10 ** (logStart + ((logStop - logStart) * i) / (count - 1)));
    if (values.length === 0 || value > values[values.length - 1]!) values.push(value);
  }
  return values;
}

/**
 * Phi(x), the standard normal CDF, as erfc(-x / sqrt 2) / 2 with the Chebyshev-fitted erfc of
 * Numerical Recipes (Press et al. 2007, section 6.2.2; relative error below 1.2e-7 everywhere).
 */
export function standardNormalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
    + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/**
 * The Kolmogorov–Smirnov statistic D = sup_x |F_n(x) - F(x)| of a sample against a continuous
 * CDF. Under the null, sqrt(n) D is about Kolmogorov distributed: above 1.63 with probability 1%.
 */
export function kolmogorovSmirnov(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  if (n === 0) throw new RangeError('Need at least one value for a Kolmogorov–Smirnov statistic.');
  let largest = 0;
  for (let i = 0; i < n; i += 1) {
    const f = cdf(sorted[i]!);
    largest = Math.max(largest, (i + 1) / n - f, f - i / n);
  }
  return largest;
}
