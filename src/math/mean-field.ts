/**
 * Mean-field VI for a correlated bivariate Gaussian target N(mu, Lambda^{-1}) (MATH_NOTES B2.5;
 * Bishop 2006, section 10.1.2): q = q1 q2 with q_j = N(m_j, 1/Lambda_jj), found by CAVI.
 */

/** The target: mean (mu1, mu2) and precision matrix [[l11, l12], [l12, l22]] (positive definite). */
export interface BivariateTarget {
  readonly mean: readonly [number, number];
  readonly precision: readonly [number, number, number];
}

/** A factorised q1(z1) q2(z2) = N(m1, v1) N(m2, v2). */
export interface MeanFieldQ {
  readonly means: readonly [number, number];
  readonly variances: readonly [number, number];
}

/** The target with unit marginal variances, correlation rho and means mu: Lambda = [[1, -rho], [-rho, 1]] / (1 - rho^2). */
export function correlatedTarget(rho: number, mean: readonly [number, number] = [0, 0]): BivariateTarget {
  if (!(Math.abs(rho) < 1)) throw new RangeError(`The correlation must lie strictly between -1 and 1, got ${rho}.`);
  const c = 1 / (1 - rho * rho);
  return { mean, precision: [c, -rho * c, c] };
}

/** Covariance Sigma = Lambda^{-1} as [s11, s12, s22]. */
export function covarianceOf(target: BivariateTarget): [number, number, number] {
  const [a, b, d] = target.precision;
  const det = a * d - b * b;
  return [d / det, -b / det, a / det];
}

/**
 * One CAVI sweep: m1 = mu1 - (l12 / l11)(m2 - mu2), then m2 = mu2 - (l12 / l22)(m1 - mu1) with the new m1;
 * the variances are always 1/l11 and 1/l22 (ln q_j* = E_{-j} ln p + const).
 */
export function caviSweep(target: BivariateTarget, q: MeanFieldQ): MeanFieldQ {
  const [l11, l12, l22] = target.precision;
  const [mu1, mu2] = target.mean;
  const m1 = mu1 - (l12 / l11) * (q.means[1] - mu2);
  const m2 = mu2 - (l12 / l22) * (m1 - mu1);
  return { means: [m1, m2], variances: [1 / l11, 1 / l22] };
}

/** The sequence q_0, q_1, ... of CAVI sweeps from means `start`. */
export function runCavi(target: BivariateTarget, start: readonly [number, number], sweeps: number): MeanFieldQ[] {
  const [l11, , l22] = target.precision;
  const path: MeanFieldQ[] = [{ means: start, variances: [1 / l11, 1 / l22] }];
  for (let t = 0; t < sweeps; t++) path.push(caviSweep(target, path[path.length - 1]!));
  return path;
}

/**
 * KL(q || p) between a diagonal Gaussian q and the target, in closed form:
 * (1/2)[tr(Lambda V) + (m - mu)^T Lambda (m - mu) - 2 - ln det V - ln det Lambda].
 */
export function meanFieldKl(target: BivariateTarget, q: MeanFieldQ): number {
  const [l11, l12, l22] = target.precision;
  const d1 = q.means[0] - target.mean[0];
  const d2 = q.means[1] - target.mean[1];
  const trace = l11 * q.variances[0] + l22 * q.variances[1];
  const quad = l11 * d1 * d1 + 2 * l12 * d1 * d2 + l22 * d2 * d2;
  const logDetV = Math.log(q.variances[0]) + Math.log(q.variances[1]);
  const logDetLambda = Math.log(l11 * l22 - l12 * l12);
  return 0.5 * (trace + quad - 2 - logDetV - logDetLambda);
}

/** KL at the mean-field optimum, -(1/2) ln(1 - l12^2 / (l11 l22)); for unit variances, -(1/2) ln(1 - rho^2). */
export function optimalMeanFieldKl(target: BivariateTarget): number {
  const [l11, l12, l22] = target.precision;
  return -0.5 * Math.log(1 - (l12 * l12) / (l11 * l22));
}
