/**
 * The energy distance between two 2-D samples (Szekely & Rizzo 2013, eq. 2.1), as a V-statistic:
 *   E(X, Y) = 2 mean_ij |x_i - y_j| - mean_ij |x_i - x_j| - mean_ij |y_i - y_j|.
 * It is the squared MMD with the distance kernel, so E >= 0, with E = 0 for identical samples, and
 * it needs no bandwidth. Points are interleaved pairs [x1, y1, x2, y2, ...]; O(n m) time.
 */

function meanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.floor(a.length / 2);
  const m = Math.floor(b.length / 2);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    const ax = a[2 * i];
    const ay = a[2 * i + 1];
    for (let j = 0; j < m; j += 1) total += Math.hypot(ax - b[2 * j], ay - b[2 * j + 1]);
  }
  return total / (n * m);
}

/** E(X, Y) for interleaved 2-D samples X and Y (both non-empty); >= 0 up to rounding. */
export function energyDistance2d(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length < 2 || y.length < 2) throw new RangeError('The energy distance needs two non-empty samples.');
  const value = 2 * meanDistance(x, y) - meanDistance(x, x) - meanDistance(y, y);
  // The V-statistic is a squared MMD, never negative; clip the float rounding of identical samples.
  return Math.max(0, value);
}
