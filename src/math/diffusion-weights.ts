/**
 * The diffusion ELBO as a weighted denoising score-matching loss (Ho et al. 2020, eqs. 8-12; Song et
 * al. 2021, "score SDE", eq. 7; Kingma et al. 2021, "VDM"). With the reverse mean written through a model
 * score, mu_theta(x_t) = (x_t + beta_t s_theta(x_t)) / sqrt(alpha_t), and the posterior variance beta-tilde_t,
 *   L_{t-1} = E KL(N(mu-tilde, beta-tilde) || N(mu_theta, beta-tilde)) = E (mu-tilde - mu_theta)^2 / (2 beta-tilde)
 *           = w_t E (eps - eps_theta(x_t))^2,          w_t = beta_t^2 / (2 beta-tilde_t alpha_t (1 - abar_t)),
 *           = lambda_t E (s_theta(x_t) - d/dx_t ln q(x_t|x_0))^2,   lambda_t = beta_t^2 / (2 beta-tilde_t alpha_t),
 * where eps_theta = -sigma_t s_theta, sigma_t^2 = 1 - abar_t and d/dx_t ln q(x_t|x_0) = -eps/sigma_t.
 * "L_simple" (w_t = 1) is the sigma_t^2 weighting of the score-network island: lambda_t = sigma_t^2.
 */
import { alphaBars, forwardPosterior, mixtureScore, noisedMixture } from './diffusion';
import { gaussianKl } from './gaussian';
import { mixtureLogPdf, mixtureMoments, sampleMixture, type GaussianMixture } from './mixture';
import { integrate } from './quadrature';
import { createRng, standardNormals } from './random';

/** The weights of noise level t = 2..T (t = 1 has beta-tilde = 0 and belongs to L_0). */
export interface NoiseLevelWeight {
  readonly t: number;
  /** sigma_t^2 = 1 - abar_t, the variance of the noise added to x_0. */
  readonly noiseVariance: number;
  /** lambda_t: the ELBO's weight on the squared score error. */
  readonly scoreWeight: number;
  /** w_t = lambda_t / sigma_t^2: the ELBO's weight on the squared noise-prediction error. */
  readonly noiseWeight: number;
}

/** lambda_t = beta_t^2 / (2 beta-tilde_t alpha_t) and w_t = lambda_t / (1 - abar_t) for t = 2..T. */
export function elboWeights(betas: readonly number[]): NoiseLevelWeight[] {
  const abar = alphaBars(betas);
  const out: NoiseLevelWeight[] = [];
  for (let t = 2; t <= betas.length; t++) {
    const beta = betas[t - 1]!;
    const posteriorVariance = ((1 - abar[t - 1]!) * beta) / (1 - abar[t]!);
    const scoreWeight = (beta * beta) / (2 * posteriorVariance * (1 - beta));
    out.push({ t, noiseVariance: 1 - abar[t]!, scoreWeight, noiseWeight: scoreWeight / (1 - abar[t]!) });
  }
  return out;
}

/** A linear model score s_theta(x) = -(x - mu)/tau^2, the Gaussian family of the score-matching chapters. */
export interface LinearScore {
  readonly mean: number;
  readonly scale: number;
}

/** s_theta(x) = -(x - mu) / tau^2. */
export function linearScore(model: LinearScore, x: number): number {
  return -(x - model.mean) / model.scale ** 2;
}

/**
 * E_{x_0, eps} (s_theta(x_t) - d/dx_t ln q(x_t|x_0))^2 in closed form for the linear score and mixture data:
 * with A = -1/tau^2, s_theta(x_t) + eps/sigma = A sqrt(abar) x_0 - A mu + (A sigma + 1/sigma) eps, so it is
 * A^2 (abar E x_0^2 - 2 sqrt(abar) mu E x_0 + mu^2) + (A sigma + 1/sigma)^2 (x_0 and eps independent).
 */
export function linearScoreDsm(mixture: GaussianMixture, alphaBar: number, model: LinearScore): number {
  const { mean, variance } = mixtureMoments(mixture);
  const a = -1 / model.scale ** 2;
  const sigma = Math.sqrt(1 - alphaBar);
  const secondMoment = variance + mean * mean;
  return a * a * (alphaBar * secondMoment - 2 * Math.sqrt(alphaBar) * model.mean * mean + model.mean ** 2) + (a * sigma + 1 / sigma) ** 2;
}

/** E_{q_t} (s_theta(x) - d/dx ln q_t(x))^2, the Fisher divergence to the noised mixture, by Simpson quadrature. */
export function linearScoreFisher(mixture: GaussianMixture, alphaBar: number, model: LinearScore): number {
  const noised = noisedMixture(mixture, alphaBar);
  const lo = Math.min(...noised.means.map((m, k) => m - 12 * noised.stdDevs[k]!));
  const hi = Math.max(...noised.means.map((m, k) => m + 12 * noised.stdDevs[k]!));
  return integrate((x) => Math.exp(mixtureLogPdf(noised, x)) * (linearScore(model, x) - mixtureScore(noised, x)) ** 2, lo, hi, 4000);
}

/** Per-draw values of one ELBO term L_{t-1} (t >= 2) for mixture data and the linear model score. */
export interface KlTermDraws {
  /** KL(N(mu-tilde, beta-tilde) || N(mu_theta(x_t), beta-tilde)) by the Gaussian KL formula, per draw. */
  readonly kl: Float64Array;
  /** w_t (eps - eps_theta(x_t))^2 with eps_theta = -sigma_t s_theta, per draw. */
  readonly noiseError: Float64Array;
}

/** Draws x_0 ~ mixture and eps ~ N(0, 1) (seeded), x_t = sqrt(abar_t) x_0 + sigma_t eps, and evaluates both forms of L_{t-1}. */
export function klTermDraws(
  mixture: GaussianMixture, betas: readonly number[], t: number, model: LinearScore, seed: number, draws: number,
): KlTermDraws {
  const abar = alphaBars(betas);
  const beta = betas[t - 1]!;
  const sigma = Math.sqrt(1 - abar[t]!);
  const { noiseWeight } = elboWeights(betas)[t - 2]!;
  const x0s = sampleMixture(seed, draws, mixture);
  const noise = standardNormals(createRng(seed + 7919), draws);
  const kl = new Float64Array(draws);
  const noiseError = new Float64Array(draws);
  for (let i = 0; i < draws; i++) {
    const x0 = x0s[i]!;
    const eps = noise[i]!;
    const xt = Math.sqrt(abar[t]!) * x0 + sigma * eps;
    const posterior = forwardPosterior(xt, x0, t, betas, abar);
    const score = linearScore(model, xt);
    kl[i] = gaussianKl(posterior.mean, posterior.stdDev, (xt + beta * score) / Math.sqrt(1 - beta), posterior.stdDev);
    noiseError[i] = noiseWeight * (eps + sigma * score) ** 2;
  }
  return { kl, noiseError };
}

/** lambda_t and sigma_t^2 each divided by its sum over t: how a loss spreads its attention over the noise levels. */
export function relativeWeights(weights: readonly NoiseLevelWeight[]): { t: number; elbo: number; simple: number }[] {
  const elboTotal = weights.reduce((sum, w) => sum + w.scoreWeight, 0);
  const simpleTotal = weights.reduce((sum, w) => sum + w.noiseVariance, 0);
  return weights.map((w) => ({ t: w.t, elbo: w.scoreWeight / elboTotal, simple: w.noiseVariance / simpleTotal }));
}
