/**
 * Both estimators of the quartic energy model on one data set, as the islands show them: the ISM
 * solution (may be non-normalisable: score matching never sees Z) and the MLE (may not exist in
 * the open family, see fitMle), with the normalised densities on a grid for display.
 */
import { fitIsm, isNormalisable, ismUnsolvableReason, logUnnormalised } from './polynomial-energy';
import { fitMle, polynomialDensity, polynomialMoments, supportOf } from './polynomial-normaliser';
import { integrate } from './quadrature';
import type { MleFit } from './polynomial-normaliser';

export const QUARTIC = 4;

/** The two fits; `ismTheta` is undefined (with `ismError`) when the linear system is singular. */
export interface QuarticFits {
  readonly ismTheta?: number[];
  readonly ismError?: string;
  readonly mle?: MleFit;
}

/** ISM by the 4 x 4 linear system and MLE by Newton (float64). */
export function fitQuartic(data: ArrayLike<number>): QuarticFits {
  const ismError = ismUnsolvableReason(data, QUARTIC);
  if (ismError) return { ismError };
  return { ismTheta: fitIsm(data, QUARTIC), mle: fitMle(data, QUARTIC) };
}

/** {x, density, curve} rows of exp(ln q~ - ln Z) over `xs`, none when theta is missing or not normalisable. */
export function densityRows(theta: readonly number[] | undefined, xs: readonly number[], curve: string): { x: number; density: number; curve: string }[] {
  if (!theta || !isNormalisable(theta)) return [];
  return (polynomialDensity(theta, xs) ?? []).map((density, i) => ({ x: xs[i]!, density, curve }));
}

/** Mean, standard deviation and P(X > threshold) of the normalised density, or undefined when not normalisable. */
export function densitySummary(theta: readonly number[] | undefined, threshold: number): { mean: number; stdDev: number; tail: number } | undefined {
  if (!theta || !isNormalisable(theta)) return undefined;
  const fit = polynomialMoments(theta, 2);
  const support = supportOf(theta);
  if (!fit || !support) return undefined;
  const tail = support.pieces.reduce((sum, [lo, hi]) => (hi <= threshold ? sum : sum + integrate((x) => Math.exp(logUnnormalised(theta, x) - fit.logZ), Math.max(lo, threshold), hi, 2000)), 0);
  const [, m1, m2] = fit.moments;
  return { mean: m1!, stdDev: Math.sqrt(Math.max(0, m2! - m1! * m1!)), tail };
}
