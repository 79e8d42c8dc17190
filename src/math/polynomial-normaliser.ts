/**
 * The normaliser Z(theta) = ∫ exp(sum_k theta_k x^k) dx of the polynomial exponential family by
 * quadrature, its moments, sampling by inverse CDF, and the maximum-likelihood fit by Newton's
 * method on ell(theta) = theta · mean T(x) - ln Z(theta), a concave function (Brown 1986, ch. 5).
 * The integral runs over the set where ln q~ lies within `LOG_DROP` of its maximum, found from
 * the critical points (roots of the score), so that it is accurate wherever the mass is.
 */
import { isNormalisable, logUnnormalised, solveSpd, standardise, thetaFromStandardised } from './polynomial-energy';
import type { PolyTheta } from './polynomial-energy';
import { createRng } from './random';

/** Mass is integrated where ln q~ > max ln q~ - LOG_DROP: e^-40 ≈ 4e-18 relative, below float64 rounding. */
const LOG_DROP = 40;
const INTERVALS_PER_PIECE = 2000;

/** p(x) for ascending coefficients c_0..c_n. */
function evaluate(c: readonly number[], x: number): number {
  let value = 0;
  for (let i = c.length - 1; i >= 0; i -= 1) value = value * x + c[i]!;
  return value;
}

/** The real roots of sum_i c_i x^i, sorted: bisection between the roots of the derivative (monotone pieces). */
export function realRoots(coefficients: readonly number[]): number[] {
  const c = [...coefficients];
  while (c.length > 0 && c[c.length - 1] === 0) c.pop();
  const n = c.length - 1;
  if (n <= 0) return [];
  if (n === 1) return [-c[0]! / c[1]!];
  // Cauchy's bound: every root has |x| <= 1 + max_i |c_i / c_n|.
  const bound = 1 + Math.max(...c.slice(0, n).map((v) => Math.abs(v / c[n]!)));
  const turning = realRoots(c.slice(1).map((v, i) => (i + 1) * v)).filter((x) => Math.abs(x) < bound);
  const points = [-bound, ...turning, bound];
  const roots: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    let lo = points[i]!;
    let hi = points[i + 1]!;
    let fLo = evaluate(c, lo);
    const fHi = evaluate(c, hi);
    if (fLo === 0) roots.push(lo);
    if (fLo * fHi >= 0) continue;
    for (let iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); iteration += 1) {
      const mid = 0.5 * (lo + hi);
      const fMid = evaluate(c, mid);
      if (fMid === 0) { lo = hi = mid; break; }
      if (fMid * fLo < 0) hi = mid;
      else { lo = mid; fLo = fMid; }
    }
    roots.push(0.5 * (lo + hi));
  }
  if (evaluate(c, bound) === 0) roots.push(bound);
  return roots.filter((x, i) => i === 0 || x !== roots[i - 1]);
}

/** The critical points of ln q~ (roots of the score s = sum_k k theta_k x^(k-1)), sorted. */
export function criticalPoints(theta: PolyTheta): number[] {
  return realRoots(theta.map((t, i) => (i + 1) * t));
}

/** The intervals where ln q~(x) > max ln q~ - LOG_DROP, and that maximum. */
export interface Support {
  readonly pieces: readonly (readonly [number, number])[];
  readonly maxLog: number;
}

/** x with f(x) = level on a piece where f is monotone, f(inside) > level >= f(outside). */
function crossing(f: (x: number) => number, inside: number, outside: number, level: number): number {
  let a = inside;
  let b = outside;
  for (let i = 0; i < 200 && Math.abs(b - a) > 1e-13 * Math.max(1, Math.abs(a)); i += 1) {
    const mid = 0.5 * (a + b);
    if (f(mid) > level) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

/** The super-level set of ln q~ that carries all but ~e^-40 of the mass, or undefined when q~ is not normalisable. */
export function supportOf(theta: PolyTheta): Support | undefined {
  if (!isNormalisable(theta)) return undefined;
  const f = (x: number) => logUnnormalised(theta, x);
  const critical = criticalPoints(theta);
  const maxLog = Math.max(...critical.map(f));
  const level = maxLog - LOG_DROP;
  // Beyond the outermost critical points f falls monotonically to -infinity: step out until below the level.
  const outward = (from: number, direction: number) => {
    let step = 1;
    while (f(from + direction * step) > level) step *= 2;
    return crossing(f, from, from + direction * step, level);
  };
  const ends: number[] = [];
  const first = critical[0]!;
  const last = critical[critical.length - 1]!;
  if (f(first) > level) ends.push(outward(first, -1));
  for (let i = 0; i + 1 < critical.length; i += 1) {
    const a = critical[i]!;
    const b = critical[i + 1]!;
    if ((f(a) > level) !== (f(b) > level)) ends.push(f(a) > level ? crossing(f, a, b, level) : crossing(f, b, a, level));
  }
  if (f(last) > level) ends.push(outward(last, 1));
  const pieces: [number, number][] = [];
  for (let i = 0; i + 1 < ends.length; i += 2) pieces.push([ends[i]!, ends[i + 1]!]);
  return { pieces, maxLog };
}

/** E[x^j] for j = 0..maxPower under q~ / Z, with ln Z: Simpson's rule on each piece of the support. */
export function polynomialMoments(theta: PolyTheta, maxPower: number): { logZ: number; moments: number[] } | undefined {
  const support = supportOf(theta);
  if (!support) return undefined;
  const sums = new Array<number>(maxPower + 1).fill(0);
  for (const [lo, hi] of support.pieces) {
    const h = (hi - lo) / INTERVALS_PER_PIECE;
    for (let i = 0; i <= INTERVALS_PER_PIECE; i += 1) {
      const x = lo + i * h;
      const weight = ((i === 0 || i === INTERVALS_PER_PIECE ? 1 : i % 2 === 1 ? 4 : 2) * h) / 3;
      let term = weight * Math.exp(logUnnormalised(theta, x) - support.maxLog);
      for (let j = 0; j <= maxPower; j += 1) {
        sums[j]! += term;
        term *= x;
      }
    }
  }
  return { logZ: support.maxLog + Math.log(sums[0]!), moments: sums.map((s) => s / sums[0]!) };
}

/** ln Z(theta) by quadrature, +Infinity when q~ is not integrable. */
export function logNormaliser(theta: PolyTheta): number {
  return polynomialMoments(theta, 0)?.logZ ?? Infinity;
}

/** n draws from q~ / Z by inverse CDF on a fine trapezoid grid of each support piece (seeded). */
export function samplePolynomialDensity(theta: PolyTheta, seed: number, n: number, gridPerPiece = 20_000): Float64Array {
  const support = supportOf(theta);
  if (!support) throw new RangeError('The density is not normalisable: the last coefficient must be of even degree and negative.');
  const xs: number[] = [];
  const cdf: number[] = [];
  let total = 0;
  for (const [lo, hi] of support.pieces) {
    const h = (hi - lo) / gridPerPiece;
    let previous = Math.exp(logUnnormalised(theta, lo) - support.maxLog);
    xs.push(lo);
    cdf.push(total);
    for (let i = 1; i <= gridPerPiece; i += 1) {
      const x = lo + i * h;
      const value = Math.exp(logUnnormalised(theta, x) - support.maxLog);
      total += 0.5 * h * (value + previous);
      previous = value;
      xs.push(x);
      cdf.push(total);
    }
  }
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => {
    const u = rng() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! <= u) lo = mid;
      else hi = mid;
    }
    const span = cdf[hi]! - cdf[lo]!;
    return span > 0 ? xs[lo]! + ((u - cdf[lo]!) / span) * (xs[hi]! - xs[lo]!) : xs[lo]!;
  });
}

/** A maximum-likelihood fit; `boundary` when the likelihood has no maximiser with theta_K < 0 (see fitMle). */
export interface MleFit {
  readonly theta: number[];
  /** Average log-likelihood (1/n) sum_i ln q(x_i; theta), in nats. */
  readonly logLikelihood: number;
  readonly boundary: boolean;
  /** False when Newton's method stopped without reaching a stationary point (and not at the boundary). */
  readonly converged: boolean;
  readonly iterations: number;
}

/** The Gaussian MLE in the same coefficients: theta_1 = xbar / S, theta_2 = -1 / (2 S), the rest 0. */
export function gaussianTheta(mean: number, variance: number, degree: number): number[] {
  return [mean / variance, -0.5 / variance, ...new Array<number>(Math.max(0, degree - 2)).fill(0)];
}

/** In standardised units, |theta_K| below this counts as having reached the boundary theta_K = 0. */
const BOUNDARY_THETA = 1e-7;

/**
 * The MLE of the degree-K family (K even) by damped Newton steps on standardised data.
 * The family is not steep (Barndorff-Nielsen 1978, sec. 9.3): Z stays finite on the Gaussian face
 * theta_3 = theta_4 = 0, so for heavy-tailed data the likelihood can keep rising as theta_K -> 0
 * and has no maximiser with theta_K < 0. Then the iterates approach that face (the data are
 * described by a Gaussian) and the Gaussian MLE is returned with `boundary` set.
 */
export function fitMle(data: ArrayLike<number>, degree: number, options: { maxIterations?: number } = {}): MleFit {
  const standard = standardise(data);
  const z = standard.z;
  const meanT = Array.from({ length: degree }, (_, k) => z.reduce((sum, v) => sum + v ** (k + 1), 0) / z.length);
  const ell = (theta: number[]) => {
    if (!isNormalisable(theta)) return -Infinity;
    return theta.reduce((sum, t, k) => sum + t * meanT[k]!, 0) - logNormaliser(theta);
  };
  // ln of the Jacobian dz/dx = 1/scale turns the average log-likelihood in z into one in x.
  const toX = (theta: number[], value: number, flags: { boundary: boolean; converged: boolean }, iterations: number): MleFit => ({
    theta: thetaFromStandardised(theta, standard),
    logLikelihood: value - Math.log(standard.scale),
    ...flags,
    iterations,
  });
  const gaussian = gaussianTheta(0, 1, degree);
  const gaussianValue = -0.5 - 0.5 * Math.log(2 * Math.PI);
  if (degree === 2) return toX(gaussian, gaussianValue, { boundary: false, converged: true }, 0);
  let theta = gaussian.map((t, k) => (k === degree - 1 ? -0.05 : t));
  let value = ell(theta);
  const maxIterations = options.maxIterations ?? 100;
  let iteration = 0;
  while (iteration < maxIterations && theta[degree - 1]! < -BOUNDARY_THETA) {
    iteration += 1;
    const m = polynomialMoments(theta, 2 * degree)!.moments;
    const gradient = meanT.map((t, k) => t - m[k + 1]!);
    const covariance = meanT.map((_, j) => meanT.map((__, k) => m[j + k + 2]! - m[j + 1]! * m[k + 1]!));
    let direction: number[];
    try {
      direction = solveSpd(covariance, gradient);
    } catch {
      break;
    }
    const decrement = gradient.reduce((sum, g, k) => sum + g * direction[k]!, 0);
    if (decrement < 1e-14) return toX(theta, value, { boundary: false, converged: true }, iteration);
    let step = 1;
    let next = theta;
    let nextValue = -Infinity;
    for (let halving = 0; halving < 60; halving += 1) {
      next = theta.map((t, k) => t + step * direction[k]!);
      nextValue = ell(next);
      if (nextValue >= value + 1e-4 * step * decrement) break;
      step /= 2;
    }
    if (!(nextValue > value)) break;
    theta = next;
    value = nextValue;
  }
  if (theta[degree - 1]! >= -BOUNDARY_THETA) return toX(gaussian, gaussianValue, { boundary: true, converged: true }, iteration);
  return toX(theta, value, { boundary: false, converged: false }, iteration);
}

/** The normalised density q(x) = exp(ln q~(x) - ln Z) at each x, or undefined when not normalisable. */
export function polynomialDensity(theta: PolyTheta, xs: readonly number[]): number[] | undefined {
  const logZ = logNormaliser(theta);
  if (!Number.isFinite(logZ)) return undefined;
  return xs.map((x) => Math.exp(logUnnormalised(theta, x) - logZ));
}
