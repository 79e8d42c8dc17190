/**
 * Mean and standard deviation of the reparameterised ELBO gradient for the conjugate model
 * (x_i ~ N(z, s^2), z ~ N(m0, s0^2)) and q = N(m, e^{2 rho}), with z = m + e^rho eps (Kingma & Welling
 * 2014, sec. 2.4). ln p(X, z) is quadratic in z with curvature -P (P the posterior precision) and peak
 * at the posterior mean m_N, so one draw's total derivatives of ln p(X, z) - ln q(z) are
 *   g_m   = -P (m + s eps - m_N),
 *   g_rho = -P (m - m_N) s eps - P s^2 eps^2 + 1,
 * whose variances (eps ~ N(0, 1): E eps^3 = 0, Var eps^2 = 2) are P^2 s^2 and
 * P^2 s^2 (m - m_N)^2 + 2 P^2 s^4; an average over M draws divides them by M.
 * At q = p(z|X) the means vanish but the spread does not (sd of g_m = sqrt(P/M)); the "sticking the
 * landing" estimator (Roeder, Wu & Duvenaud 2017) drops the score term and has zero variance there.
 */
import { conjugatePosterior } from './conjugate-gaussian';
import type { ConjugatePrior, DataSummary, GaussianQ } from './conjugate-gaussian';

export interface GradientMoments {
  /** E[g_m], E[g_rho]: the exact ELBO gradient with respect to (m, rho = ln s). */
  readonly mean: readonly [number, number];
  /** Standard deviations of the M-draw estimates of (g_m, g_rho). */
  readonly stdDev: readonly [number, number];
}

/** Exact mean and sd of the M-draw reparameterised gradient of the ELBO in (m, ln s); NaN for M < 1 or s <= 0. */
export function reparamGradientMoments(q: GaussianQ, data: DataSummary, prior: ConjugatePrior, draws: number): GradientMoments {
  if (!(draws >= 1) || !(q.stdDev > 0)) return { mean: [NaN, NaN], stdDev: [NaN, NaN] };
  const posterior = conjugatePosterior(data, prior);
  const precision = 1 / posterior.stdDev ** 2;
  const offset = q.mean - posterior.mean;
  const s = q.stdDev;
  return {
    mean: [-precision * offset, 1 - precision * s * s],
    stdDev: [
      (precision * s) / Math.sqrt(draws),
      (precision * s * Math.sqrt(offset * offset + 2 * s * s)) / Math.sqrt(draws),
    ],
  };
}
