/**
 * The score-function (REINFORCE, "likelihood-ratio") estimator of the ELBO gradient with respect to the
 * mean m of q = N(m, s^2), against the reparameterised one, on the conjugate model x_i ~ N(z, sigma^2),
 * z ~ N(m0, s0^2) (Williams 1992; Paisley, Blei & Jordan 2012; Mohamed et al. 2020, JMLR 21, sec. 4-5).
 * With z = m + s eps, f(z) = ln p(X, z) - ln q(z) is a quadratic in eps,
 *   f = a0 + a1 eps + a2 eps^2,  a0 = ln p(X) + (1/2) ln(P s^2) - P delta^2 / 2,  a1 = -P delta s,  a2 = (1 - P s^2)/2,
 * (P the posterior precision, delta = m - m_N). One draw of each estimator:
 *   score function:  (f(z) - b) d/dm ln q(z) = (f - b) eps / s,     reparameterised:  d f(m + s eps)/dm = -P (delta + s eps),
 * both with mean -P delta. Using E eps^2 = 1, E eps^4 = 3, E eps^6 = 15 (odd moments 0):
 *   Var_SF(b) = [(a0 - b)^2 + 2 a1^2 + 15 a2^2 + 6 (a0 - b) a2] / s^2,  minimised at b* = a0 + 3 a2 to (2 a1^2 + 6 a2^2)/s^2;
 *   Var_RP = P^2 s^2.  An average over M draws divides each variance by M.
 */
import { conjugatePosterior, logEvidence } from './conjugate-gaussian';
import type { ConjugatePrior, DataSummary, GaussianQ } from './conjugate-gaussian';
import { createRng, standardNormals } from './random';
import { meanAndStdErr } from './stats';

/** The coefficients of f(m + s eps) = a0 + a1 eps + a2 eps^2, and P, m_N. */
export interface LogWeightQuadratic {
  readonly a0: number;
  readonly a1: number;
  readonly a2: number;
  readonly precision: number;
  readonly posteriorMean: number;
}

/** ln p(X, z) - ln q(z) at z = m + s eps as a quadratic in eps (exact: ln p(X, z) is quadratic in z). */
export function logWeightQuadratic(q: GaussianQ, data: DataSummary, prior: ConjugatePrior): LogWeightQuadratic {
  const posterior = conjugatePosterior(data, prior);
  const precision = 1 / posterior.stdDev ** 2;
  const delta = q.mean - posterior.mean;
  const s = q.stdDev;
  return {
    a0: logEvidence(data, prior) + 0.5 * Math.log(precision * s * s) - 0.5 * precision * delta * delta,
    a1: -precision * delta * s,
    a2: 0.5 * (1 - precision * s * s),
    precision,
    posteriorMean: posterior.mean,
  };
}

/** The baselines compared: none (b = 0), the ELBO itself (b = E f = a0 + a2) and the optimal constant b* = a0 + 3 a2. */
export type BaselineKind = 'none' | 'elbo' | 'optimal';
export const BASELINE_KINDS: readonly BaselineKind[] = ['none', 'elbo', 'optimal'];

/** The constant baseline b of each kind. */
export function baselineValue(kind: BaselineKind, w: LogWeightQuadratic): number {
  return kind === 'none' ? 0 : kind === 'elbo' ? w.a0 + w.a2 : w.a0 + 3 * w.a2;
}

/** The exact gradient dELBO/dm = -P (m - m_N). */
export function exactMeanGradient(w: LogWeightQuadratic, q: GaussianQ): number {
  return -w.precision * (q.mean - w.posteriorMean);
}

/** Var of the one-draw score-function estimator with baseline b (module comment). */
export function scoreFunctionVariance(w: LogWeightQuadratic, q: GaussianQ, baseline: number): number {
  const c = w.a0 - baseline;
  return (c * c + 2 * w.a1 * w.a1 + 15 * w.a2 * w.a2 + 6 * c * w.a2) / q.stdDev ** 2;
}

/** Var of the one-draw reparameterised estimator, P^2 s^2 (as in reparam-gradient.ts). */
export function reparamVariance(w: LogWeightQuadratic, q: GaussianQ): number {
  return (w.precision * q.stdDev) ** 2;
}

/** One draw of each estimator from a standard normal eps. */
export function gradientDraws(w: LogWeightQuadratic, q: GaussianQ, eps: number, baseline: number): { scoreFunction: number; reparam: number } {
  const f = w.a0 + w.a1 * eps + w.a2 * eps * eps;
  return {
    scoreFunction: ((f - baseline) * eps) / q.stdDev,
    reparam: -w.precision * (q.mean - w.posteriorMean + q.stdDev * eps),
  };
}

/** Measured and exact standard deviations of the M-draw estimators at one M. */
export interface SpreadRow {
  readonly draws: number;
  readonly scoreFunction: number;
  readonly reparam: number;
  readonly scoreFunctionExact: number;
  readonly reparamExact: number;
}

/**
 * For each M in `drawCounts`: `repetitions` independent M-draw averages of each estimator (seeded), and
 * their sample standard deviations beside the exact sqrt(Var / M).
 */
export function measureSpread(
  w: LogWeightQuadratic, q: GaussianQ, baseline: number, drawCounts: readonly number[], repetitions: number, seed: number,
): SpreadRow[] {
  const rng = createRng(seed);
  return drawCounts.map((m) => {
    const eps = standardNormals(rng, m * repetitions);
    const sf = new Float64Array(repetitions);
    const rp = new Float64Array(repetitions);
    for (let r = 0; r < repetitions; r++) {
      let a = 0;
      let b = 0;
      for (let j = 0; j < m; j++) {
        const g = gradientDraws(w, q, eps[r * m + j]!, baseline);
        a += g.scoreFunction;
        b += g.reparam;
      }
      sf[r] = a / m;
      rp[r] = b / m;
    }
    return {
      draws: m,
      scoreFunction: sampleSd(sf),
      reparam: sampleSd(rp),
      scoreFunctionExact: Math.sqrt(scoreFunctionVariance(w, q, baseline) / m),
      reparamExact: Math.sqrt(reparamVariance(w, q) / m),
    };
  });
}

function sampleSd(values: Float64Array): number {
  const { stdErr } = meanAndStdErr(values);
  return stdErr * Math.sqrt(values.length);
}
