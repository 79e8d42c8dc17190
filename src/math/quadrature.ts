/**
 * One-dimensional integrals by composite Simpson's rule, and the KL divergence and expectations built on it.
 */
import type { GaussianMixture } from './mixture.ts';

/** ∫_a^b f(x) dx by composite Simpson with n even intervals (odd n is rounded up); error O(h^4) (Burden & Faires §4.4). */
export function integrate(f: (x: number) => number, lower: number, upper: number, intervals = 2000): number {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
    throw new RangeError(`Integration bounds must be finite, got [${lower}, ${upper}].`);
  }
  if (!(intervals >= 2) || !Number.isFinite(intervals)) {
    throw new RangeError(`Need a finite number of intervals >= 2, got ${intervals}.`);
  }
  if (lower === upper) return 0;
  const n = 2 * Math.ceil(Math.ceil(intervals) / 2);
  const h = (upper - lower) / n;
  let sum = f(lower) + f(upper);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lower + i * h);
  return (sum * h) / 3;
}

/** KL(p || q) ≈ ∫_a^b p (ln p - ln q) dx from log-densities, p(x) = 0 terms taken as 0; truncation can make it < 0. */
export function klByQuadrature(
  logP: (x: number) => number,
  logQ: (x: number) => number,
  lower: number,
  upper: number,
  intervals?: number,
): number {
  // E_p[ln p - ln q]; the expectation skips p(x) = 0, so 0 ln(0 / 0) never becomes NaN.
  return expectationByQuadrature(logP, (x) => logP(x) - logQ(x), lower, upper, intervals);
}

/** E_p[f] ≈ ∫_a^b p(x) f(x) dx from ln p, p(x) = 0 terms taken as 0. */
export function expectationByQuadrature(
  logP: (x: number) => number,
  f: (x: number) => number,
  lower: number,
  upper: number,
  intervals?: number,
): number {
  return integrate(
    (x) => {
      const p = Math.exp(logP(x));
      return p === 0 ? 0 : p * f(x);
    },
    lower,
    upper,
    intervals,
  );
}

/** A Gaussian component (mu, sigma) for {@link integrationRange}. */
export interface GaussianComponent {
  readonly mean: number;
  readonly stdDev: number;
}

/** [min_k (mu_k - c sigma_k), max_k (mu_k + c sigma_k)] with c = sigmas; mass outside is < 2 Phi(-c) per component. */
export function integrationRange(
  components: GaussianMixture | readonly GaussianComponent[],
  sigmas = 10,
): [number, number] {
  const list: readonly GaussianComponent[] = isMixture(components)
    ? components.means.map((mean, k) => ({ mean, stdDev: components.stdDevs[k]! }))
    : components;
  if (list.length === 0) throw new RangeError('Need at least one component to choose a range.');
  let lower = Infinity;
  let upper = -Infinity;
  for (const { mean, stdDev } of list) {
    lower = Math.min(lower, mean - sigmas * stdDev);
    upper = Math.max(upper, mean + sigmas * stdDev);
  }
  return [lower, upper];
}

function isMixture(value: GaussianMixture | readonly GaussianComponent[]): value is GaussianMixture {
  return !Array.isArray(value);
}
