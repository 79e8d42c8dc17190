/**
 * Univariate Gaussian mixtures p(x) = sum_k pi_k N(x; mu_k, sigma_k^2). Weights are divided by their
 * total, so they need not sum exactly to 1.
 */
import { gaussianLogPdf } from './gaussian.ts';
import { createRng, standardNormals } from './random.ts';

/** A Gaussian mixture: weights pi_k >= 0, means mu_k and standard deviations sigma_k > 0, all of length K. */
export interface GaussianMixture {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly stdDevs: readonly number[];
}

function totalWeight(mixture: GaussianMixture): number {
  const { weights, means, stdDevs } = mixture;
  if (weights.length === 0 || weights.length !== means.length || weights.length !== stdDevs.length) {
    throw new RangeError(
      `A mixture needs K >= 1 components with equal-length weights, means and stdDevs (got ${weights.length}, ${means.length}, ${stdDevs.length}).`,
    );
  }
  return weights.reduce((sum, w) => sum + w, 0);
}

/** ln p(x) = logsumexp_k [ln pi_k + ln N(x; mu_k, sigma_k^2)], stable far in the tails (finite at x = ±1e3). */
export function mixtureLogPdf(mixture: GaussianMixture, x: number): number {
  const logTotal = Math.log(totalWeight(mixture));
  const terms: number[] = [];
  let max = -Infinity;
  for (let k = 0; k < mixture.weights.length; k++) {
    const w = mixture.weights[k]!;
    // A zero-weight component contributes nothing, even where its own density is NaN.
    if (w === 0) continue;
    const term = Math.log(w) + gaussianLogPdf(x, mixture.means[k]!, mixture.stdDevs[k]!);
    if (Number.isNaN(term)) return NaN;
    terms.push(term);
    if (term > max) max = term;
  }
  if (max === -Infinity || max === Infinity) return max - logTotal;
  let sum = 0;
  for (const term of terms) sum += Math.exp(term - max);
  return max + Math.log(sum) - logTotal;
}

/** Mixture mean E[x] = sum_k pi_k mu_k and variance Var[x] = sum_k pi_k (sigma_k^2 + (mu_k - E[x])^2). */
export function mixtureMoments(mixture: GaussianMixture): { mean: number; variance: number } {
  const total = totalWeight(mixture);
  const { weights, means, stdDevs } = mixture;
  let mean = 0;
  for (let k = 0; k < weights.length; k++) mean += (weights[k]! / total) * means[k]!;
  let variance = 0;
  for (let k = 0; k < weights.length; k++) {
    const offset = means[k]! - mean;
    variance += (weights[k]! / total) * (stdDevs[k]! * stdDevs[k]! + offset * offset);
  }
  return { mean, variance };
}

/** n draws x ~ p (component k with probability pi_k, then mu_k + sigma_k z), deterministic per seed (float32). */
export function sampleMixture(seed: number, n: number, mixture: GaussianMixture): Float32Array {
  const total = totalWeight(mixture);
  const rng = createRng(seed);
  const out = standardNormals(rng, n);
  // Rounding in the running sum must never select a trailing zero-weight component.
  let last = mixture.weights.length - 1;
  while (last > 0 && mixture.weights[last] === 0) last--;
  for (let i = 0; i < n; i++) {
    const u = rng() * total;
    let k = 0;
    let cumulative = mixture.weights[0]!;
    while (k < last && u >= cumulative) {
      k++;
      cumulative += mixture.weights[k]!;
    }
    out[i] = mixture.means[k]! + mixture.stdDevs[k]! * out[i]!;
  }
  return out;
}

/** Two components N(-d/2, sigma^2) and N(+d/2, sigma^2) with weights [w, 1 - w], d = separation. */
export function twoComponentMixture(separation: number, weight: number, stdDev = 1): GaussianMixture {
  if (!(weight >= 0 && weight <= 1)) throw new RangeError(`The weight must lie in [0, 1], got ${weight}.`);
  if (!(stdDev > 0) || !Number.isFinite(stdDev)) throw new RangeError(`The stdDev must be finite and > 0, got ${stdDev}.`);
  if (!Number.isFinite(separation)) throw new RangeError(`The separation must be finite, got ${separation}.`);
  return {
    weights: [weight, 1 - weight],
    means: [-separation / 2, separation / 2],
    stdDevs: [stdDev, stdDev],
  };
}
