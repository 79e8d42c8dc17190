/**
 * Grids for drawing: evenly spaced points, a density on a grid, and a density histogram. Pure
 * numbers, so islands and chart builders never compute them inline.
 */

/** `count` evenly spaced points over [lower, upper], ends included (count >= 2). */
export function gridPoints(lower: number, upper: number, count: number): number[] {
  if (!(count >= 2) || !Number.isInteger(count)) throw new RangeError(`A grid needs an integer count >= 2, got ${count}.`);
  return Array.from({ length: count }, (_, i) => lower + ((upper - lower) * i) / (count - 1));
}

/** { x, density: exp(ln p(x)) } at `count` evenly spaced points over [lower, upper]. */
export function densityCurve(logPdf: (x: number) => number, lower: number, upper: number, count: number): { x: number; density: number }[] {
  return gridPoints(lower, upper, count).map((x) => ({ x, density: Math.exp(logPdf(x)) }));
}

/** One bar of a density histogram: [x1, x2) and count / (n width). */
export interface HistogramBin {
  readonly x1: number;
  readonly x2: number;
  readonly density: number;
}

/**
 * Density histogram of `data` in `bins` equal bins over [lower, upper]: count / (n width) per bin,
 * so the bars integrate to 1. Values outside the range go into the first or last bin.
 */
export function densityHistogram(data: ArrayLike<number>, lower: number, upper: number, bins: number): HistogramBin[] {
  const width = (upper - lower) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < data.length; i += 1) counts[Math.min(bins - 1, Math.max(0, Math.floor((data[i] - lower) / width)))] += 1;
  return counts.map((count, i) => ({ x1: lower + i * width, x2: lower + (i + 1) * width, density: data.length === 0 ? 0 : count / (data.length * width) }));
}

/** The centres of `cells` equal cells over [lower, upper] (a heat map's grid). */
export function cellCentres(lower: number, upper: number, cells: number): number[] {
  return Array.from({ length: cells }, (_, i) => lower + ((i + 0.5) * (upper - lower)) / cells);
}

/** A 2-D vector field sampled at points, as arrows, with the shortest and longest arrow. */
export interface VectorFieldSummary {
  readonly arrows: { x: number; y: number; s1: number; s2: number }[];
  readonly longest: number;
  readonly shortest: number;
}

/** Arrows (x, y, s1, s2) from interleaved points [x1, y1, ...] and vectors [s1, s2, ...] of the same length. */
export function vectorField(points: ArrayLike<number>, vectors: ArrayLike<number>): VectorFieldSummary {
  if (points.length !== vectors.length || points.length % 2 !== 0) throw new RangeError(`Need as many interleaved vectors as points, got ${vectors.length / 2} and ${points.length / 2}.`);
  const arrows = Array.from({ length: points.length / 2 }, (_, i) => ({ x: points[2 * i], y: points[2 * i + 1], s1: vectors[2 * i], s2: vectors[2 * i + 1] }));
  const lengths = arrows.map((a) => Math.hypot(a.s1, a.s2));
  return { arrows, longest: Math.max(...lengths), shortest: Math.min(...lengths) };
}

/** exp(ln q - max ln q) on a grid, with the max: an unnormalised density shown relative to its peak (so the normaliser never matters). */
export function relativeDensity(logDensity: ArrayLike<number>): { density: number[]; peak: number } {
  let peak = -Infinity;
  for (let i = 0; i < logDensity.length; i += 1) peak = Math.max(peak, logDensity[i]);
  return { density: Array.from(logDensity, (value) => (peak === -Infinity ? 0 : Math.exp(value - peak))), peak };
}
