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
