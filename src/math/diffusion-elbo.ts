/**
 * The diffusion ELBO in one dimension (Sohl-Dickstein et al. 2015; Ho et al. 2020, eq. 5):
 *   ln p_theta(x_0) >= ELBO = -(L_T + sum_{t=2..T} L_{t-1} + L_0),
 *   L_T = KL(q(x_T|x_0) || p(x_T)),  L_{t-1} = E_{q(x_t|x_0)} KL(q(x_{t-1}|x_t,x_0) || p_theta(x_{t-1}|x_t)),
 *   L_0 = -E_{q(x_1|x_0)} ln p_theta(x_0|x_1),
 * for Gaussian data N(m, s^2), where the true reverse conditionals q(x_{t-1} | x_t) are Gaussian and
 * known exactly. The reverse model is p(x_T) = N(0, 1) and p_theta(x_{t-1}|x_t) = N(a_t x_t + b_t, kappa c_t)
 * with (a_t, b_t, c_t) those of q(x_{t-1}|x_t): kappa = 1 is the best model, other kappa loosen the bound.
 * Every term is a Gaussian expectation in closed form; ln p_theta(x_0) follows from the linear-Gaussian
 * chain by a separate recursion, and a Monte-Carlo ELBO over whole paths is a third route.
 */
import { gaussianKl, gaussianLogPdf } from './gaussian';
import { alphaBars, posteriorCoefficients } from './diffusion';
import { createRng, standardNormals } from './random';
import { meanAndStdErr } from './stats';

/** The data N(mean, stdDev^2), the schedule and the reverse model's variance scale kappa > 0. */
export interface GaussianDiffusion {
  readonly dataMean: number;
  readonly dataSd: number;
  readonly betas: readonly number[];
  readonly kappa: number;
}

/** One reverse step p_theta(x_{t-1} | x_t) = N(slope x_t + offset, variance), t = 1..T. */
export interface ReverseStep {
  readonly slope: number;
  readonly offset: number;
  readonly variance: number;
}

/**
 * The exact reverse conditionals of Gaussian data: with x_{t-1} ~ N(mu', v') = N(sqrt(abar_{t-1}) m,
 * abar_{t-1} s^2 + 1 - abar_{t-1}) and x_t = sqrt(alpha_t) x_{t-1} + sqrt(beta_t) eps, conditioning gives
 * slope = sqrt(alpha_t) v'/v_t, offset = mu' - slope sqrt(alpha_t) mu', variance = v' beta_t / v_t (v_t = alpha_t v' + beta_t);
 * the model's variance is kappa times that. Index 0 holds t = 1.
 */
export function reverseSteps(model: GaussianDiffusion): ReverseStep[] {
  const abar = alphaBars(model.betas);
  return model.betas.map((beta, i) => {
    const previous = abar[i]!;
    const meanPrev = Math.sqrt(previous) * model.dataMean;
    const varPrev = previous * model.dataSd ** 2 + 1 - previous;
    const alpha = 1 - beta;
    const varNow = alpha * varPrev + beta;
    const slope = (Math.sqrt(alpha) * varPrev) / varNow;
    return { slope, offset: meanPrev - slope * Math.sqrt(alpha) * meanPrev, variance: (model.kappa * varPrev * beta) / varNow };
  });
}

/** The terms of the negative ELBO at x_0, in nats: L_T, L_{t-1} for t = 2..T (index 0 is t = 2) and L_0. */
export interface ElboTerms {
  readonly priorTerm: number;
  readonly klTerms: readonly number[];
  readonly reconstruction: number;
  /** -(L_T + sum L_{t-1} + L_0). */
  readonly elbo: number;
}

/**
 * E over x_t ~ N(mean, var) of (alpha x_0 + beta x_t + gamma)^2 with the x_t coefficient beta: the
 * squared mean difference of two Gaussians whose means are linear in x_t.
 */
function expectedSquare(constant: number, coefficient: number, mean: number, variance: number): number {
  return (constant + coefficient * mean) ** 2 + coefficient ** 2 * variance;
}

/**
 * Each term in closed form (Ho et al. 2020, eq. 5): L_T by the Gaussian KL formula, L_{t-1} as the KL
 * between N(mu-tilde(x_t, x_0), beta-tilde_t) and N(a_t x_t + b_t, kappa c_t) averaged over x_t ~ q(x_t|x_0)
 * (the mean difference is linear in x_t), and L_0 as a Gaussian cross-entropy over x_1 ~ q(x_1|x_0).
 */
export function elboTerms(model: GaussianDiffusion, x0: number): ElboTerms {
  const { betas } = model;
  const abar = alphaBars(betas);
  const steps = reverseSteps(model);
  const T = betas.length;
  const priorTerm = gaussianKl(Math.sqrt(abar[T]!) * x0, Math.sqrt(1 - abar[T]!), 0, 1);
  const klTerms: number[] = [];
  for (let t = 2; t <= T; t++) {
    const { cX0, cXt, variance } = posteriorCoefficients(t, betas, abar);
    const step = steps[t - 1]!;
    // The KL of two Gaussians depends on x_t only through the squared mean difference.
    const squared = expectedSquare(cX0 * x0 - step.offset, cXt - step.slope, Math.sqrt(abar[t]!) * x0, 1 - abar[t]!);
    klTerms.push(gaussianKl(0, Math.sqrt(variance), 0, Math.sqrt(step.variance)) + squared / (2 * step.variance));
  }
  const first = steps[0]!;
  const squared = expectedSquare(x0 - first.offset, -first.slope, Math.sqrt(abar[1]!) * x0, 1 - abar[1]!);
  const reconstruction = 0.5 * Math.log(2 * Math.PI * first.variance) + squared / (2 * first.variance);
  const total = priorTerm + klTerms.reduce((a, b) => a + b, 0) + reconstruction;
  return { priorTerm, klTerms, reconstruction, elbo: -total };
}

/**
 * ln p_theta(x_0) exactly: x_T ~ N(0, 1) pushed through x_{t-1} = a_t x_t + b_t + sqrt(kappa c_t) eps
 * stays Gaussian, mean <- a mean + b and variance <- a^2 variance + kappa c.
 */
export function modelLogLikelihood(model: GaussianDiffusion, x0: number): number {
  const steps = reverseSteps(model);
  let mean = 0;
  let variance = 1;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    mean = step.slope * mean + step.offset;
    variance = step.slope ** 2 * variance + step.variance;
  }
  return gaussianLogPdf(x0, mean, Math.sqrt(variance));
}

/**
 * The ELBO by Monte Carlo over whole forward paths x_{1:T} ~ q(. | x_0):
 * mean of ln p(x_T) + sum_t ln p_theta(x_{t-1}|x_t) - sum_t ln q(x_t|x_{t-1}), +- its standard error.
 */
export function elboMonteCarlo(model: GaussianDiffusion, x0: number, seed: number, paths: number): { mean: number; stdErr: number } {
  const { betas } = model;
  const steps = reverseSteps(model);
  const T = betas.length;
  const noise = standardNormals(createRng(seed), paths * T);
  const values = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    let previous = x0;
    let total = 0;
    for (let t = 1; t <= T; t++) {
      const beta = betas[t - 1]!;
      const current = Math.sqrt(1 - beta) * previous + Math.sqrt(beta) * noise[p * T + t - 1]!;
      const step = steps[t - 1]!;
      total += gaussianLogPdf(previous, step.slope * current + step.offset, Math.sqrt(step.variance));
      total -= gaussianLogPdf(current, Math.sqrt(1 - beta) * previous, Math.sqrt(beta));
      previous = current;
    }
    values[p] = total + gaussianLogPdf(previous, 0, 1);
  }
  return meanAndStdErr(values);
}

/**
 * One KL term L_{t-1} (t >= 2) by Monte Carlo: x_t ~ q(x_t|x_0), x_{t-1} ~ q(x_{t-1}|x_t,x_0), mean of
 * ln q(x_{t-1}|x_t,x_0) - ln p_theta(x_{t-1}|x_t), +- its standard error.
 */
export function klTermMonteCarlo(model: GaussianDiffusion, x0: number, t: number, seed: number, draws: number): { mean: number; stdErr: number } {
  const abar = alphaBars(model.betas);
  const { cX0, cXt, variance } = posteriorCoefficients(t, model.betas, abar);
  const step = reverseSteps(model)[t - 1]!;
  const noise = standardNormals(createRng(seed), 2 * draws);
  const values = new Float64Array(draws);
  for (let i = 0; i < draws; i++) {
    const xt = Math.sqrt(abar[t]!) * x0 + Math.sqrt(1 - abar[t]!) * noise[2 * i]!;
    const mean = cX0 * x0 + cXt * xt;
    const previous = mean + Math.sqrt(variance) * noise[2 * i + 1]!;
    values[i] = gaussianLogPdf(previous, mean, Math.sqrt(variance)) -
      gaussianLogPdf(previous, step.slope * xt + step.offset, Math.sqrt(step.variance));
  }
  return meanAndStdErr(values);
}
