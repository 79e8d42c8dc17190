/**
 * A latent-variable model in its smallest form: z_i ~ Categorical(pi), x_i | z_i ~ N(mu_z, sigma_z^2),
 * drawn with the latent labels kept, so a figure can show what the observer never sees.
 */
import type { GaussianMixture } from './mixture';
import { createRng, standardNormals } from './random';
import { gaussianLogPdf } from './gaussian';

/** n pairs (x_i, z_i) with z_i ~ Categorical(pi) and x_i = mu_{z_i} + sigma_{z_i} eps_i, deterministic per seed. */
export function sampleLabelledMixture(seed: number, n: number, mixture: GaussianMixture): { x: number[]; z: number[] } {
  const { weights, means, stdDevs } = mixture;
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (weights.length === 0 || !(total > 0) || weights.some((w) => !(w >= 0)) || means.length !== weights.length || stdDevs.length !== weights.length) {
    throw new RangeError('Need K >= 1 components with weights >= 0 (not all zero) and equal-length means and stdDevs.');
  }
  const rng = createRng(seed);
  const eps = standardNormals(rng, n);
  const x: number[] = [];
  const z: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng() * total;
    let k = 0;
    let cumulative = weights[0]!;
    // Skip zero-weight components, including trailing ones that rounding could otherwise select.
    while (k < weights.length - 1 && (u >= cumulative || weights[k] === 0)) cumulative += weights[++k]!;
    z.push(k);
    x.push(means[k]! + stdDevs[k]! * eps[i]!);
  }
  return { x, z };
}

/** pi_k N(x; mu_k, sigma_k^2) / sum_j pi_j: the k-th component's share of the mixture density at x (the curves sum to p(x)). */
export function weightedComponentDensity(mixture: GaussianMixture, k: number, x: number): number {
  const total = mixture.weights.reduce((sum, w) => sum + w, 0);
  return (mixture.weights[k]! / total) * Math.exp(gaussianLogPdf(x, mixture.means[k]!, mixture.stdDevs[k]!));
}
