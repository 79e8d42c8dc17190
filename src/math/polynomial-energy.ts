/**
 * The polynomial exponential family on the real line, q(x; theta) ∝ exp(sum_{k=1}^K theta_k x^k)
 * (energy E(x) = -sum_k theta_k x^k), fitted by implicit score matching (Hyvarinen 2005, sec. 3)
 * and by maximum likelihood with the normaliser by quadrature. Theta lists theta_1..theta_K; the
 * density is normalisable iff K is even and theta_K < 0.
 *
 * With T_k(x) = x^k the score is s = sum_k theta_k k x^(k-1) and s' = sum_k theta_k k (k-1) x^(k-2),
 * both linear in theta, so the sample ISM objective is a quadratic (Hyvarinen 2007, sec. 4):
 *   J^(theta) = (1/2) theta^T A theta + b^T theta,  A = mean_i T'(x_i) T'(x_i)^T,  b = mean_i T''(x_i),
 * minimised at A theta = -b.
 */
import { cholesky } from './ggm';
import type { Matrix } from './ggm';
import { integrate } from './quadrature';

/** Coefficients theta_1..theta_K of ln q~(x) = sum_k theta_k x^k (the constant term is dropped). */
export type PolyTheta = readonly number[];

/** ln q~(x) = sum_k theta_k x^k by Horner's rule. */
export function logUnnormalised(theta: PolyTheta, x: number): number {
  let value = 0;
  for (let k = theta.length; k >= 1; k -= 1) value = (value + theta[k - 1]!) * x;
  return value;
}

/** s(x) = d/dx ln q~ = sum_k k theta_k x^(k-1). */
export function polynomialScore(theta: PolyTheta, x: number): number {
  let value = 0;
  for (let k = theta.length; k >= 1; k -= 1) value = value * x + k * theta[k - 1]!;
  return value;
}

/** s'(x) = sum_k k (k-1) theta_k x^(k-2). */
export function polynomialScoreDerivative(theta: PolyTheta, x: number): number {
  let value = 0;
  for (let k = theta.length; k >= 2; k -= 1) value = value * x + k * (k - 1) * theta[k - 1]!;
  return value;
}

/** The sample ISM objective J^ = mean_i [(1/2) s(x_i)^2 + s'(x_i)] (Hyvarinen 2005, eq. 4). */
export function ismObjective(theta: PolyTheta, data: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) {
    const s = polynomialScore(theta, data[i]!);
    sum += 0.5 * s * s + polynomialScoreDerivative(theta, data[i]!);
  }
  return sum / data.length;
}

/** A = mean T' T'^T and b = mean T'' for the degree-K family, so J^ = theta^T A theta / 2 + b^T theta. */
export function ismQuadratic(data: ArrayLike<number>, degree: number): { a: Matrix; b: number[] } {
  const a = Array.from({ length: degree }, () => new Array<number>(degree).fill(0));
  const b = new Array<number>(degree).fill(0);
  const first = new Array<number>(degree);
  for (let i = 0; i < data.length; i += 1) {
    const x = data[i]!;
    for (let k = 1; k <= degree; k += 1) {
      first[k - 1] = k * x ** (k - 1);
      b[k - 1]! += k >= 2 ? k * (k - 1) * x ** (k - 2) : 0;
    }
    for (let j = 0; j < degree; j += 1) for (let k = 0; k < degree; k += 1) a[j]![k]! += first[j]! * first[k]!;
  }
  return { a: a.map((row) => row.map((v) => v / data.length)), b: b.map((v) => v / data.length) };
}

/** Solves A y = r for symmetric positive-definite A by Cholesky (throws if A is not SPD). */
export function solveSpd(a: Matrix, r: readonly number[]): number[] {
  const l = cholesky(a);
  const p = r.length;
  const y = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i += 1) {
    let sum = r[i]!;
    for (let k = 0; k < i; k += 1) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let k = i + 1; k < p; k += 1) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

/** Shift and scale of the data: z = (x - mean) / scale, scale the biased standard deviation. */
export interface Standardisation {
  readonly mean: number;
  readonly scale: number;
}

/** The biased mean and standard deviation of `data`, and z = (x - mean) / scale as float64. */
export function standardise(data: ArrayLike<number>): Standardisation & { readonly z: Float64Array } {
  let mean = 0;
  for (let i = 0; i < data.length; i += 1) mean += data[i]!;
  mean /= data.length;
  let variance = 0;
  for (let i = 0; i < data.length; i += 1) variance += (data[i]! - mean) ** 2;
  const scale = Math.sqrt(variance / data.length);
  return { mean, scale, z: Float64Array.from(data, (x) => (x - mean) / scale) };
}

/** Coefficients (in u, constant dropped) of p(offset + factor u), for p with coefficients theta: a change of variable. */
export function composeAffine(theta: PolyTheta, offset: number, factor: number): number[] {
  // (offset + factor u)^k = sum_j C(k, j) offset^(k-j) factor^j u^j.
  const out = new Array<number>(theta.length).fill(0);
  for (let k = 1; k <= theta.length; k += 1) {
    let binomial = 1;
    for (let j = 0; j <= k; j += 1) {
      if (j >= 1) out[j - 1]! += theta[k - 1]! * binomial * offset ** (k - j) * factor ** j;
      binomial = (binomial * (k - j)) / (j + 1);
    }
  }
  return out;
}

/** theta in x from theta in z = (x - mean) / scale (same density, constant dropped). */
export function thetaFromStandardised(thetaZ: PolyTheta, { mean, scale }: Standardisation): number[] {
  return composeAffine(thetaZ, -mean / scale, 1 / scale);
}

/** theta in z = (x - mean) / scale from theta in x. */
export function thetaToStandardised(thetaX: PolyTheta, { mean, scale }: Standardisation): number[] {
  return composeAffine(thetaX, mean, scale);
}

/** Why the ISM system has no unique solution, or undefined. */
export function ismUnsolvableReason(data: ArrayLike<number>, degree: number): string | undefined {
  const distinct = new Set(Array.from(data)).size;
  // T' has entries of degrees 0..K-1: A is singular unless there are at least K distinct points.
  return distinct < degree ? `The degree-${degree} model needs at least ${degree} distinct values (got ${distinct}): the linear system of score matching is singular.` : undefined;
}

/** The ISM estimate: the solution of A theta = -b, computed on standardised data (better conditioned) and mapped back to x. */
export function fitIsm(data: ArrayLike<number>, degree: number): number[] {
  const reason = ismUnsolvableReason(data, degree);
  if (reason) throw new RangeError(reason);
  const standard = standardise(data);
  const { a, b } = ismQuadratic(standard.z, degree);
  return thetaFromStandardised(solveSpd(a, b.map((v) => -v)), standard);
}

/** True when exp(sum theta_k x^k) is integrable on R: its highest non-zero coefficient is of even degree and negative. */
export function isNormalisable(theta: PolyTheta): boolean {
  let degree = theta.length;
  while (degree > 0 && theta[degree - 1] === 0) degree -= 1;
  return degree >= 2 && degree % 2 === 0 && theta[degree - 1]! < 0;
}
