/**
 * The variance-preserving (VP) diffusion of Ho, Jain & Abbeel (2020, "DDPM") in one dimension, in
 * float64: a discrete schedule beta_1..beta_T, alpha-bar_t = prod_{s<=t}(1 - beta_s), the closed-form
 * marginal q(x_t | x_0) = N(sqrt(alpha-bar_t) x_0, 1 - alpha-bar_t), the posterior q(x_{t-1} | x_t, x_0),
 * and, for Gaussian-mixture data, every marginal q(x_t) (again a mixture) with its exact score and
 * Tweedie's posterior mean E[x_0 | x_t]. Index t runs 1..T; alphaBar[0] = 1 (no noise).
 */
import { mixtureLogPdf, type GaussianMixture } from './mixture';

/** A Gaussian N(mean, stdDev^2); stdDev 0 is a point mass. */
export interface Normal1d {
  readonly mean: number;
  readonly stdDev: number;
}

/** The DDPM linear schedule beta_t = beta_1 + (t - 1)(beta_T - beta_1)/(T - 1), t = 1..T (Ho et al. 2020, sec. 4). */
export function linearBetas(steps: number, betaFirst: number, betaLast: number): number[] {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`The number of steps must be a whole number >= 1, got ${steps}.`);
  if (!(betaFirst > 0 && betaFirst < 1 && betaLast > 0 && betaLast < 1)) {
    throw new RangeError(`Each beta must lie in (0, 1), got ${betaFirst} and ${betaLast}.`);
  }
  if (steps === 1) return [betaLast];
  return Array.from({ length: steps }, (_, i) => betaFirst + (i * (betaLast - betaFirst)) / (steps - 1));
}

/** alpha-bar_t = prod_{s=1..t} (1 - beta_s) for t = 0..T (alpha-bar_0 = 1), length T + 1. */
export function alphaBars(betas: readonly number[]): number[] {
  const out = [1];
  for (const beta of betas) out.push(out[out.length - 1]! * (1 - beta));
  return out;
}

/** q(x_t | x_0) = N(sqrt(alpha-bar) x_0, 1 - alpha-bar) (Ho et al. 2020, eq. 4). */
export function forwardMarginal(x0: number, alphaBar: number): Normal1d {
  return { mean: Math.sqrt(alphaBar) * x0, stdDev: Math.sqrt(1 - alphaBar) };
}

/**
 * q(x_{t-1} | x_t, x_0) = N(mu-tilde, beta-tilde) with
 * mu-tilde = sqrt(abar_{t-1}) beta_t/(1 - abar_t) x_0 + sqrt(alpha_t)(1 - abar_{t-1})/(1 - abar_t) x_t and
 * beta-tilde = (1 - abar_{t-1}) beta_t/(1 - abar_t) (Ho et al. 2020, eqs. 6-7); a point mass at x_0 for t = 1.
 */
export function forwardPosterior(xt: number, x0: number, t: number, betas: readonly number[], abar: readonly number[]): Normal1d {
  const beta = betas[t - 1]!;
  const previous = abar[t - 1]!;
  const current = abar[t]!;
  const mean = (Math.sqrt(previous) * beta * x0 + Math.sqrt(1 - beta) * (1 - previous) * xt) / (1 - current);
  return { mean, stdDev: Math.sqrt(((1 - previous) * beta) / (1 - current)) };
}

/** The posterior coefficients of mu-tilde = cX0 x_0 + cXt x_t and its variance beta-tilde, for t = 1..T. */
export function posteriorCoefficients(t: number, betas: readonly number[], abar: readonly number[]): { cX0: number; cXt: number; variance: number } {
  const beta = betas[t - 1]!;
  const previous = abar[t - 1]!;
  const current = abar[t]!;
  return {
    cX0: (Math.sqrt(previous) * beta) / (1 - current),
    cXt: (Math.sqrt(1 - beta) * (1 - previous)) / (1 - current),
    variance: ((1 - previous) * beta) / (1 - current),
  };
}

/**
 * q(x_t) for x_0 ~ sum_k pi_k N(mu_k, s_k^2): sum_k pi_k N(sqrt(abar) mu_k, abar s_k^2 + 1 - abar),
 * because x_t = sqrt(abar) x_0 + sqrt(1 - abar) eps is a sum of independent Gaussians per component.
 */
export function noisedMixture(mixture: GaussianMixture, alphaBar: number): GaussianMixture {
  const scale = Math.sqrt(alphaBar);
  return {
    weights: mixture.weights,
    means: mixture.means.map((m) => scale * m),
    stdDevs: mixture.stdDevs.map((s) => Math.sqrt(alphaBar * s * s + 1 - alphaBar)),
  };
}

/** Responsibilities r_k(x) = pi_k N(x; mu_k, s_k^2) / p(x), by log-sum-exp (finite far in the tails). */
export function responsibilities(mixture: GaussianMixture, x: number): number[] {
  const logs = mixture.weights.map((w, k) => {
    if (w === 0) return -Infinity;
    const s = mixture.stdDevs[k]!;
    const z = (x - mixture.means[k]!) / s;
    return Math.log(w) - Math.log(s) - 0.5 * z * z;
  });
  const max = Math.max(...logs);
  const unnormalised = logs.map((l) => Math.exp(l - max));
  const total = unnormalised.reduce((a, b) => a + b, 0);
  return unnormalised.map((u) => u / total);
}

/** The mixture score d/dx ln p(x) = sum_k r_k(x) (mu_k - x)/s_k^2, by log-sum-exp without allocating (a sampler's inner loop). */
export function mixtureScore(mixture: GaussianMixture, x: number): number {
  const { weights, means, stdDevs } = mixture;
  let max = -Infinity;
  for (let k = 0; k < weights.length; k++) {
    if (weights[k] === 0) continue;
    const z = (x - means[k]!) / stdDevs[k]!;
    const log = Math.log(weights[k]!) - Math.log(stdDevs[k]!) - 0.5 * z * z;
    if (log > max) max = log;
  }
  let total = 0;
  let weighted = 0;
  for (let k = 0; k < weights.length; k++) {
    if (weights[k] === 0) continue;
    const s = stdDevs[k]!;
    const z = (x - means[k]!) / s;
    const r = Math.exp(Math.log(weights[k]!) - Math.log(s) - 0.5 * z * z - max);
    total += r;
    weighted += (r * (means[k]! - x)) / (s * s);
  }
  return weighted / total;
}

/**
 * E[x_0 | x_t] for mixture data, by conditioning each component (a joint Gaussian of x_0 and x_t):
 * sum_k r_k(x_t) [mu_k + sqrt(abar) s_k^2 (x_t - sqrt(abar) mu_k) / (abar s_k^2 + 1 - abar)].
 * Tweedie's formula gives the same from the score alone: (x_t + (1 - abar) score(x_t)) / sqrt(abar).
 */
export function posteriorMeanX0(mixture: GaussianMixture, alphaBar: number, xt: number): number {
  const noised = noisedMixture(mixture, alphaBar);
  const r = responsibilities(noised, xt);
  const scale = Math.sqrt(alphaBar);
  let mean = 0;
  for (let k = 0; k < r.length; k++) {
    const s2 = mixture.stdDevs[k]! ** 2;
    const gain = (scale * s2) / (alphaBar * s2 + 1 - alphaBar);
    mean += r[k]! * (mixture.means[k]! + gain * (xt - scale * mixture.means[k]!));
  }
  return mean;
}

/** Tweedie (Efron 2011; Robbins 1956): E[x_0 | x_t] = (x_t + (1 - abar) d/dx ln q_t(x_t)) / sqrt(abar). */
export function tweedieMean(score: number, alphaBar: number, xt: number): number {
  return (xt + (1 - alphaBar) * score) / Math.sqrt(alphaBar);
}

/** The optimal noise prediction E[eps | x_t] = -sqrt(1 - abar) score(x_t) (Ho et al. 2020, eq. 11 with Tweedie). */
export function optimalNoisePrediction(score: number, alphaBar: number): number {
  return -Math.sqrt(1 - alphaBar) * score;
}

/**
 * x_t = sqrt(abar) x_0 + sqrt(1 - abar) eps for every coordinate of `points` (1-D values or interleaved
 * 2-D pairs: the VP process noises each coordinate independently), with seeded eps.
 */
export function noisePoints(points: ArrayLike<number>, alphaBar: number, noise: ArrayLike<number>): Float64Array {
  if (noise.length < points.length) throw new RangeError(`Need one noise value per coordinate (${points.length}), got ${noise.length}.`);
  const scale = Math.sqrt(alphaBar);
  const sigma = Math.sqrt(1 - alphaBar);
  return Float64Array.from({ length: points.length }, (_, i) => scale * points[i]! + sigma * noise[i]!);
}

/** The density of a mixture at `count` evenly spaced points of [lo, hi] (count >= 2). */
export function mixtureDensityCurve(mixture: GaussianMixture, lo: number, hi: number, count: number): { x: number; density: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const x = lo + ((hi - lo) * i) / (count - 1);
    return { x, density: Math.exp(mixtureLogPdf(mixture, x)) };
  });
}
