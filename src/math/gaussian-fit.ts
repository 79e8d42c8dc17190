/**
 * Fitting one Gaussian q = N(m, s^2) to a mixture p: forward KL (mass-covering), reverse KL
 * (mode-seeking), and maximum likelihood on samples (MATH_NOTES B1.3–B1.7).
 */
import { gaussianLogPdf } from './gaussian.ts';
import { mixtureLogPdf, mixtureMoments, type GaussianMixture } from './mixture.ts';
import { expectationByQuadrature, integrationRange, klByQuadrature } from './quadrature.ts';

/** Parameters (mu, sigma) of a univariate Gaussian. */
export interface GaussianParams {
  readonly mean: number;
  readonly stdDev: number;
}

/** argmin_q KL(p || q) over Gaussians = moment matching: m = E_p[x], s^2 = Var_p[x] (MATH_NOTES B1.7). */
export function forwardKlFit(mixture: GaussianMixture): { mean: number; stdDev: number } {
  const { mean, variance } = mixtureMoments(mixture);
  return { mean, stdDev: Math.sqrt(variance) };
}

/** Half-width, in units of s, of the quadrature range for E_q: q's mass beyond 12 s is below 1e-32. */
const REVERSE_KL_SIGMAS = 12;
const REVERSE_KL_INTERVALS = 2000;

/** KL(q || p) = E_q[ln q - ln p] in nats for q = N(m, s^2), by Simpson over m ± 12 s (the integrand carries q); NaN unless s > 0. */
export function reverseKl(mixture: GaussianMixture, mean: number, stdDev: number): number {
  if (!(stdDev > 0) || !Number.isFinite(stdDev) || !Number.isFinite(mean)) return NaN;
  return klByQuadrature(
    (x) => gaussianLogPdf(x, mean, stdDev),
    (x) => mixtureLogPdf(mixture, x),
    mean - REVERSE_KL_SIGMAS * stdDev,
    mean + REVERSE_KL_SIGMAS * stdDev,
    REVERSE_KL_INTERVALS,
  );
}

/** Half-width, in units of the widest component's sigma, of the quadrature range over p: mass outside < 1e-32. */
const FORWARD_SIGMAS = 12;

/** Differential entropy H(p) = -E_p[ln p] of a mixture in nats, by Simpson over its components' ±12 sigma range. */
export function mixtureEntropy(mixture: GaussianMixture, intervals = 4000): number {
  const [lower, upper] = integrationRange(mixture, FORWARD_SIGMAS);
  return expectationByQuadrature((x) => mixtureLogPdf(mixture, x), (x) => -mixtureLogPdf(mixture, x), lower, upper, intervals);
}

/** KL(p || q) in nats for a mixture p and q = N(m, s^2), by Simpson over p's ±12 sigma range (the integrand carries p). */
export function forwardKl(mixture: GaussianMixture, mean: number, stdDev: number, intervals = 2000): number {
  const [lower, upper] = integrationRange(mixture, FORWARD_SIGMAS);
  return klByQuadrature((x) => mixtureLogPdf(mixture, x), (x) => gaussianLogPdf(x, mean, stdDev), lower, upper, intervals);
}

/** Local argmin_q KL(q || p) over (m, ln s) by Nelder–Mead from init (Lagarias et al. 1998): the mode-seeking fit. */
export function reverseKlFit(
  mixture: GaussianMixture,
  init: GaussianParams,
): { mean: number; stdDev: number; kl: number } {
  if (!Number.isFinite(init.mean) || !(init.stdDev > 0) || !Number.isFinite(init.stdDev)) {
    throw new RangeError(`The initial guess needs a finite mean and stdDev > 0, got ${init.mean}, ${init.stdDev}.`);
  }
  const objective = (point: readonly number[]): number => {
    const value = reverseKl(mixture, point[0]!, Math.exp(point[1]!));
    // The simplex must move away from points where the quadrature failed.
    return Number.isNaN(value) ? Infinity : value;
  };
  // A simplex a quarter of s wide keeps the search inside the basin it starts in.
  const step = 0.25;
  const start = [init.mean, Math.log(init.stdDev)];
  const best = nelderMead(objective, start, [step * init.stdDev, step]);
  return { mean: best.point[0]!, stdDev: Math.exp(best.point[1]!), kl: best.value };
}

interface Vertex {
  point: number[];
  value: number;
}

/** Nelder–Mead with reflection 1, expansion 2, contraction 1/2, shrink 1/2; stops on simplex size and value spread. */
function nelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  steps: readonly number[],
  maxIterations = 2000,
  tolerance = 1e-10,
): Vertex {
  const dim = start.length;
  const evaluate = (point: number[]): Vertex => ({ point, value: objective(point) });
  const simplex: Vertex[] = [evaluate([...start])];
  for (let j = 0; j < dim; j++) {
    const point = [...start];
    point[j]! += steps[j]!;
    simplex.push(evaluate(point));
  }
  const along = (from: readonly number[], to: readonly number[], t: number): number[] =>
    from.map((value, j) => value + t * (to[j]! - value));

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[dim]!;
    const size = Math.max(...simplex.slice(1).map((v) => Math.max(...v.point.map((x, j) => Math.abs(x - best.point[j]!)))));
    if (size < tolerance && Math.abs(worst.value - best.value) < tolerance) break;

    const centroid = new Array<number>(dim).fill(0);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) centroid[j]! += simplex[i]!.point[j]! / dim;
    }
    const reflected = evaluate(along(centroid, worst.point, -1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(centroid, worst.point, -2));
      simplex[dim] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[dim - 1]!.value) {
      simplex[dim] = reflected;
    } else {
      const outside = reflected.value < worst.value;
      const contracted = evaluate(along(centroid, worst.point, outside ? -0.5 : 0.5));
      if (contracted.value < (outside ? reflected.value : worst.value)) {
        simplex[dim] = contracted;
      } else {
        for (let i = 1; i <= dim; i++) simplex[i] = evaluate(along(best.point, simplex[i]!.point, 0.5));
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0]!;
}

/** Gaussian MLE: m = (1/n) sum x_i and s = sqrt((1/n) sum (x_i - m)^2), the biased (1/n) deviation (MATH_NOTES B1.5). */
export function mleGaussian(samples: ArrayLike<number>): { mean: number; stdDev: number } {
  const n = samples.length;
  if (n === 0) throw new RangeError('Need at least one sample to fit a Gaussian.');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i]!;
  const mean = sum / n;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const offset = samples[i]! - mean;
    sumSquares += offset * offset;
  }
  return { mean, stdDev: Math.sqrt(sumSquares / n) };
}

/** Average negative log-likelihood -(1/n) sum_i ln N(x_i; m, s^2) in nats per sample: the Monte-Carlo H(p, q) (MATH_NOTES B1.4). */
export function averageNegLogLikelihood(samples: ArrayLike<number>, mean: number, stdDev: number): number {
  const n = samples.length;
  if (n === 0) throw new RangeError('Need at least one sample for a likelihood.');
  let sum = 0;
  for (let i = 0; i < n; i++) sum -= gaussianLogPdf(samples[i]!, mean, stdDev);
  return sum / n;
}

/** One local minimum of KL(q || p) over Gaussians q, with the start that found it. */
export interface ReverseKlMinimum {
  readonly mean: number;
  readonly stdDev: number;
  /** KL(q || p) there, nats. */
  readonly kl: number;
  /** The lowest KL of all minima found: the global reverse-KL fit (among these starts). */
  readonly global: boolean;
}

/**
 * The local minima of KL(q || p) found from three starts, one at each extreme mode of the mixture
 * and one at the moment-matched (forward) fit, a wide Gaussian over the middle. For two separated
 * modes these are the three minima (one per mode and a central wide one; which is global depends on
 * the separation); starts that land on the same minimum are merged. Sorted by mean.
 */
export function reverseKlLocalMinima(mixture: GaussianMixture): ReverseKlMinimum[] {
  const order = mixture.means.map((_, k) => k).sort((a, b) => mixture.means[a]! - mixture.means[b]!);
  const left = order[0]!;
  const right = order[order.length - 1]!;
  const starts: GaussianParams[] = [
    { mean: mixture.means[left]!, stdDev: mixture.stdDevs[left]! },
    forwardKlFit(mixture),
    { mean: mixture.means[right]!, stdDev: mixture.stdDevs[right]! },
  ];
  const found: { mean: number; stdDev: number; kl: number }[] = [];
  for (const start of starts) {
    const fit = reverseKlFit(mixture, start);
    const same = found.find((f) => Math.abs(f.mean - fit.mean) < 0.02 * (1 + f.stdDev) && Math.abs(f.stdDev - fit.stdDev) < 0.02 * f.stdDev);
    if (!same) found.push(fit);
  }
  const best = Math.min(...found.map((f) => f.kl));
  return found.sort((a, b) => a.mean - b.mean).map((f) => ({ ...f, global: f.kl === best }));
}
