/**
 * The energy distance between two 1-D samples (Szekely & Rizzo 2013, eq. 2.1), as a V-statistic,
 *   E(X, Y) = 2 mean_ij |x_i - y_j| - mean_ij |x_i - x_j| - mean_ij |y_i - y_j|,
 * in O((n + m) log(n + m)) by sorting: for sorted a, sum_{i,j} |a_i - a_j| = 2 sum_i (2i - n + 1) a_(i)
 * (0-based), and the cross sum follows from the pooled sample, S_XY = (S_ZZ - S_XX - S_YY) / 2.
 */

function pairSum(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += (2 * i - n + 1) * sorted[i]!;
  return 2 * total;
}

/** E(X, Y) for 1-D samples X and Y (both non-empty); >= 0, and 0 for identical samples. */
export function energyDistance1d(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) throw new RangeError('The energy distance needs two non-empty samples.');
  const pooled = new Float64Array(n + m);
  pooled.set(Float64Array.from(x));
  pooled.set(Float64Array.from(y), n);
  const sxx = pairSum(x);
  const syy = pairSum(y);
  const sxy = (pairSum(pooled) - sxx - syy) / 2;
  const value = (2 * sxy) / (n * m) - sxx / (n * n) - syy / (m * m);
  // A squared MMD is never negative; clip rounding for identical samples.
  return Math.max(0, value);
}
