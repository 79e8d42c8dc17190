/**
 * Concrete score matching (Meng, Choi, Song & Ermon 2022) on {0, ..., K-1} with the cyclic
 * neighbour n(x) = x + 1 mod K. The concrete score is c_p(x) = p(n(x))/p(x) - 1; the objective
 *   L(theta) = sum_x p(x) (c_theta(x) - c_p(x))^2
 *            = E_p[c_theta(x)^2 + 2 c_theta(x) - 2 c_theta(n^{-1}(x))] + E_p[c_p(x)^2]   (MATH_NOTES B3.10),
 * where the second form needs only samples from p. Normalising constants cancel in the ratios.
 */
import { createRng } from './random';

/** Unnormalised weights -> probabilities. */
function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** The target: two discretised bumps on {0..K-1} (centres K/4 and 3K/4, weights w and 1 - w). */
export function twoBumpDistribution(k: number, weight: number): number[] {
  const bump = (x: number, centre: number) => Math.exp(-((x - centre) ** 2) / (2 * (k / 10) ** 2));
  return normalise(Array.from({ length: k }, (_, x) => weight * bump(x, k / 4) + (1 - weight) * bump(x, (3 * k) / 4) + 1e-3));
}

/**
 * The model on {0..K-1}: 98% a discretised Gaussian exp(-(x - mu)^2 / (2 sigma^2)), 2% uniform.
 * The uniform floor keeps every ratio q(x+1)/q(x) moderate (a pure Gaussian tail gives ratios of
 * 1e16 across the cyclic wrap, and the two forms of the objective then cancel catastrophically).
 */
export function discreteGaussian(k: number, mean: number, stdDev: number): number[] {
  const bump = normalise(Array.from({ length: k }, (_, x) => Math.exp(-((x - mean) ** 2) / (2 * stdDev * stdDev))));
  return bump.map((value) => 0.98 * value + 0.02 / k);
}

/** c(x) = p(x+1 mod K)/p(x) - 1 for every x. */
export function concreteScore(p: readonly number[]): number[] {
  return p.map((value, x) => p[(x + 1) % p.length] / value - 1);
}

/** sum_x p(x) (c_q(x) - c_p(x))^2. */
export function explicitConcreteObjective(p: readonly number[], q: readonly number[]): number {
  const cp = concreteScore(p);
  const cq = concreteScore(q);
  return p.reduce((sum, px, x) => sum + px * (cq[x] - cp[x]) ** 2, 0);
}

/** The per-point terms c_q(x)^2 + 2 c_q(x) - 2 c_q(x - 1 mod K), whose p-mean is the sample form. */
export function implicitConcreteTerms(q: readonly number[]): number[] {
  const cq = concreteScore(q);
  const k = q.length;
  return cq.map((c, x) => c * c + 2 * c - 2 * cq[(x - 1 + k) % k]);
}

/** E_p of the implicit terms (the sample-free, exact version of the second form). */
export function implicitConcreteObjective(p: readonly number[], q: readonly number[]): number {
  const terms = implicitConcreteTerms(q);
  return p.reduce((sum, px, x) => sum + px * terms[x], 0);
}

/** n seeded draws from a distribution on {0..K-1} (inverse CDF). */
export function sampleDiscrete(p: readonly number[], n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const cdf: number[] = [];
  p.reduce((acc, v, i) => (cdf[i] = acc + v), 0);
  return Int32Array.from({ length: n }, () => {
    const u = rng() * cdf[cdf.length - 1];
    let x = 0;
    while (x < cdf.length - 1 && cdf[x] <= u) x += 1;
    return x;
  });
}
