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
import { alphaBars } from './diffusion';

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
