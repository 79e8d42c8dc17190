/**
 * The conjugate Gaussian model x_i ~ N(z, s^2), z ~ N(m0, s0^2), and a Gaussian q(z) = N(mq, sq^2):
 * exact log evidence, posterior, ELBO and KL(q || p(z|X)) in float64 (MATH_NOTES B2.1-B2.3).
 */
import { gaussianEntropy, gaussianKl, gaussianLogPdf } from './gaussian';

/** The model's constants: noise sd s, prior mean m0 and prior sd s0. */
export interface ConjugatePrior {
  readonly noiseSd: number;
  readonly priorMean: number;
  readonly priorSd: number;
}

/** A Gaussian q(z) = N(mean, stdDev^2). */
export interface GaussianQ {
  readonly mean: number;
  readonly stdDev: number;
}

/** Sufficient statistics of the data: n, mean x-bar and sum of squared deviations SSD. */
export interface DataSummary {
  readonly n: number;
  readonly mean: number;
  readonly ssd: number;
}

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** n, x-bar and sum (x_i - x-bar)^2, by two passes (no cancellation). */
export function summarize(x: ArrayLike<number>): DataSummary {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  const mean = n > 0 ? sum / n : 0;
  let ssd = 0;
  for (let i = 0; i < n; i++) ssd += (x[i]! - mean) ** 2;
  return { n, mean, ssd };
}

/** Exact posterior p(z|X) = N(mean, sd^2): precision 1/s0^2 + n/s^2, mean (m0/s0^2 + n x-bar/s^2)/precision. */
export function conjugatePosterior(data: DataSummary, prior: ConjugatePrior): GaussianQ {
  const precision = 1 / prior.priorSd ** 2 + data.n / prior.noiseSd ** 2;
  const mean = (prior.priorMean / prior.priorSd ** 2 + (data.n * data.mean) / prior.noiseSd ** 2) / precision;
  return { mean, stdDev: 1 / Math.sqrt(precision) };
}

/**
 * ln p(X) = -(n/2) ln(2 pi s^2) - SSD/(2 s^2) + (1/2) ln(2 pi s^2 / n) + ln N(x-bar; m0, s0^2 + s^2/n):
 * the likelihood factorises through x-bar ~ N(z, s^2/n), and integrating z out adds the prior variance.
 */
export function logEvidence(data: DataSummary, prior: ConjugatePrior): number {
  const s2 = prior.noiseSd ** 2;
  const { n, mean, ssd } = data;
  if (n === 0) return 0;
  return (
    -0.5 * n * (LOG_TWO_PI + Math.log(s2)) - ssd / (2 * s2) + 0.5 * (LOG_TWO_PI + Math.log(s2 / n)) +
    gaussianLogPdf(mean, prior.priorMean, Math.sqrt(prior.priorSd ** 2 + s2 / n))
  );
}

/** ln p(X, z) = sum_i ln N(x_i; z, s^2) + ln N(z; m0, s0^2), through the summary. */
export function logJoint(z: number, data: DataSummary, prior: ConjugatePrior): number {
  const s2 = prior.noiseSd ** 2;
  const logLikelihood = -0.5 * data.n * (LOG_TWO_PI + Math.log(s2)) - (data.ssd + data.n * (data.mean - z) ** 2) / (2 * s2);
  return logLikelihood + gaussianLogPdf(z, prior.priorMean, prior.priorSd);
}

/** E_q ln p(X|z) = -(n/2) ln(2 pi s^2) - (SSD + n((x-bar - mq)^2 + sq^2)) / (2 s^2). */
export function expectedLogLikelihood(q: GaussianQ, data: DataSummary, prior: ConjugatePrior): number {
  const s2 = prior.noiseSd ** 2;
  return -0.5 * data.n * (LOG_TWO_PI + Math.log(s2)) - (data.ssd + data.n * ((data.mean - q.mean) ** 2 + q.stdDev ** 2)) / (2 * s2);
}

/** ELBO(q) = E_q ln p(X|z) + E_q ln p(z) + H(q), in closed form (each term is a Gaussian moment). */
export function exactElbo(q: GaussianQ, data: DataSummary, prior: ConjugatePrior): number {
  const expectedLogPrior = -0.5 * (LOG_TWO_PI + Math.log(prior.priorSd ** 2)) - ((q.mean - prior.priorMean) ** 2 + q.stdDev ** 2) / (2 * prior.priorSd ** 2);
  return expectedLogLikelihood(q, data, prior) + expectedLogPrior + gaussianEntropy(q.stdDev);
}

/** KL(q || p(z|X)) between two Gaussians (MATH_NOTES B1.6). */
export function posteriorKl(q: GaussianQ, data: DataSummary, prior: ConjugatePrior): number {
  const post = conjugatePosterior(data, prior);
  return gaussianKl(q.mean, q.stdDev, post.mean, post.stdDev);
}
