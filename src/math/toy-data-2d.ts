/**
 * Seeded 2-D toy distributions for a score-based generative model: a Gaussian mixture with unequal
 * weights, two moons, a swiss roll, and a distribution drawn by the reader (a kernel density around
 * the drawn points). Every sample is a Float32Array of interleaved pairs [x1, y1, x2, y2, ...],
 * inside roughly [-3.5, 3.5]^2.
 */
import { createRng, standardNormals } from './random';

export type ToyDataKind = 'mixture' | 'moons' | 'swiss-roll' | 'drawn';
export const TOY_DATA_KINDS: readonly ToyDataKind[] = ['mixture', 'moons', 'swiss-roll', 'drawn'];

/** A 2-D Gaussian mixture with isotropic components N(m_k, s_k^2 I). */
export interface Mixture2d {
  readonly weights: readonly number[];
  readonly means: readonly (readonly [number, number])[];
  readonly stdDevs: readonly number[];
}

/** The chapter's mixture: three tight, well separated modes with weights 0.6, 0.25 and 0.15. */
export const TOY_MIXTURE: Mixture2d = {
  weights: [0.6, 0.25, 0.15],
  means: [[-2, -1.5], [2, -1.5], [0, 2]],
  stdDevs: [0.3, 0.3, 0.3],
};

/** The jitter of the drawn distribution: each draw is a drawn point plus N(0, DRAWN_BANDWIDTH^2 I). */
export const DRAWN_BANDWIDTH = 0.12;
/** Fewer drawn points than this give a message instead of a model. */
export const MIN_DRAWN_POINTS = 20;

/** n draws from a 2-D mixture: component k with probability w_k, then m_k + s_k z. */
export function sampleMixture2d(seed: number, n: number, mixture: Mixture2d): Float32Array {
  const rng = createRng(seed);
  const z = standardNormals(rng, 2 * n);
  const total = mixture.weights.reduce((a, b) => a + b, 0);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i += 1) {
    let u = rng() * total;
    let k = 0;
    while (k < mixture.weights.length - 1 && u >= mixture.weights[k]) {
      u -= mixture.weights[k];
      k += 1;
    }
    out[2 * i] = mixture.means[k][0] + mixture.stdDevs[k] * z[2 * i];
    out[2 * i + 1] = mixture.means[k][1] + mixture.stdDevs[k] * z[2 * i + 1];
  }
  return out;
}

/**
 * Two interleaved half circles (as scikit-learn's make_moons): (cos t, sin t) and
 * (1 - cos t, 1/2 - sin t), t ~ U[0, pi], plus N(0, 0.08^2) noise, scaled by 2 and centred.
 */
export function sampleMoons(seed: number, n: number): Float32Array {
  const rng = createRng(seed);
  const z = standardNormals(rng, 2 * n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i += 1) {
    const t = Math.PI * rng();
    const upper = rng() < 0.5;
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    out[2 * i] = 2 * (x - 0.5 + 0.08 * z[2 * i]);
    out[2 * i + 1] = 2 * (y - 0.25 + 0.08 * z[2 * i + 1]);
  }
  return out;
}

/** A 2-D swiss roll: t = 1.5 pi (1 + 2u), (t cos t, t sin t) / 4 plus N(0, 0.1^2) noise. */
export function sampleSwissRoll(seed: number, n: number): Float32Array {
  const rng = createRng(seed);
  const z = standardNormals(rng, 2 * n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i += 1) {
    const t = 1.5 * Math.PI * (1 + 2 * rng());
    out[2 * i] = (t * Math.cos(t)) / 4 + 0.1 * z[2 * i];
    out[2 * i + 1] = (t * Math.sin(t)) / 4 + 0.1 * z[2 * i + 1];
  }
  return out;
}

/** n draws from the kernel density of the drawn points: a uniformly chosen point plus N(0, h^2 I). */
export function sampleDrawn(seed: number, n: number, points: ArrayLike<number>): Float32Array {
  const count = Math.floor(points.length / 2);
  if (count === 0) throw new RangeError('The drawn distribution needs at least one point.');
  const rng = createRng(seed);
  const z = standardNormals(rng, 2 * n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i += 1) {
    const k = Math.min(count - 1, Math.floor(rng() * count));
    out[2 * i] = points[2 * k] + DRAWN_BANDWIDTH * z[2 * i];
    out[2 * i + 1] = points[2 * k + 1] + DRAWN_BANDWIDTH * z[2 * i + 1];
  }
  return out;
}

/** n seeded draws from a toy distribution (`drawn` needs the reader's points). */
export function sampleToyData(kind: ToyDataKind, seed: number, n: number, drawn: ArrayLike<number> = []): Float32Array {
  if (kind === 'mixture') return sampleMixture2d(seed, n, TOY_MIXTURE);
  if (kind === 'moons') return sampleMoons(seed, n);
  if (kind === 'swiss-roll') return sampleSwissRoll(seed, n);
  return sampleDrawn(seed, n, drawn);
}

/** The largest Euclidean distance between two of the points (O(n^2); pass a subsample). */
export function maxPairwiseDistance(points: ArrayLike<number>): number {
  const n = Math.floor(points.length / 2);
  let largest = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const d = Math.hypot(points[2 * i] - points[2 * j], points[2 * i + 1] - points[2 * j + 1]);
      if (d > largest) largest = d;
    }
  }
  return largest;
}

/** The share of points nearest to each mixture mean (which mode each point ended in). */
export function modeShares(points: ArrayLike<number>, means: readonly (readonly [number, number])[]): number[] {
  const counts = means.map(() => 0);
  const n = Math.floor(points.length / 2);
  for (let i = 0; i < n; i += 1) {
    let best = 0;
    let bestDistance = Infinity;
    means.forEach(([mx, my], k) => {
      const d = (points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    });
    counts[best] += 1;
  }
  return counts.map((c) => (n === 0 ? 0 : c / n));
}
