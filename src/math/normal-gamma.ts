/**
 * Unknown mean and precision of a Gaussian (Bishop 2006, section 10.1.3): data x_i ~ N(mu, 1/tau),
 * prior mu | tau ~ N(mu0, 1/(lambda0 tau)), tau ~ Gamma(a0, b0) (rate b0). The exact posterior is
 * Normal-Gamma; mean-field VI approximates it by q(mu) q(tau), found by CAVI (Bishop eqs. 10.26-10.33).
 */
import { digamma, lnGamma } from './special';

/** Prior hyperparameters (all > 0 except mu0). */
export interface NormalGammaPrior {
  readonly mu0: number;
  readonly lambda0: number;
  readonly a0: number;
  readonly b0: number;
}

/** What the data contribute: n, mean and sum of squared deviations from the mean. */
export interface NormalGammaData {
  readonly n: number;
  readonly mean: number;
  readonly sumSquares: number;
}

/** Normal-Gamma(mu, lambda, a, b): tau ~ Gamma(a, b), mu | tau ~ N(mu, 1/(lambda tau)). */
export interface NormalGamma {
  readonly mu: number;
  readonly lambda: number;
  readonly a: number;
  readonly b: number;
}

/** The factors of q: q(mu) = N(mean, 1/precision), q(tau) = Gamma(a, b). */
export interface NormalGammaMeanField {
  readonly mean: number;
  readonly precision: number;
  readonly a: number;
  readonly b: number;
}

/** n, mean and sum of (x_i - mean)^2 of a sample. */
export function summarizeSample(x: ArrayLike<number>): NormalGammaData {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += x[i];
  const mean = n > 0 ? sum / n : 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i += 1) sumSquares += (x[i] - mean) ** 2;
  return { n, mean, sumSquares };
}

/** The exact posterior: lambda_N = lambda0 + n, mu_N = (lambda0 mu0 + n xbar) / lambda_N, a_N = a0 + n/2, b_N = b0 + (S + lambda0 n (xbar - mu0)^2 / lambda_N) / 2. */
export function exactPosterior(data: NormalGammaData, prior: NormalGammaPrior): NormalGamma {
  const lambda = prior.lambda0 + data.n;
  return {
    mu: (prior.lambda0 * prior.mu0 + data.n * data.mean) / lambda,
    lambda,
    a: prior.a0 + data.n / 2,
    b: prior.b0 + 0.5 * (data.sumSquares + (prior.lambda0 * data.n * (data.mean - prior.mu0) ** 2) / lambda),
  };
}

/** ln p(X) = ln Gamma(a_N) - ln Gamma(a0) + a0 ln b0 - a_N ln b_N + (ln lambda0 - ln lambda_N)/2 - (n/2) ln 2 pi. */
export function logEvidence(data: NormalGammaData, prior: NormalGammaPrior): number {
  const post = exactPosterior(data, prior);
  return (
    lnGamma(post.a) - lnGamma(prior.a0) + prior.a0 * Math.log(prior.b0) - post.a * Math.log(post.b) +
    0.5 * (Math.log(prior.lambda0) - Math.log(post.lambda)) - 0.5 * data.n * Math.log(2 * Math.PI)
  );
}

/** ln p(mu, tau | X) of the exact Normal-Gamma posterior. */
export function exactLogDensity(post: NormalGamma, mu: number, tau: number): number {
  if (!(tau > 0)) return -Infinity;
  const logGamma = post.a * Math.log(post.b) - lnGamma(post.a) + (post.a - 1) * Math.log(tau) - post.b * tau;
  const precision = post.lambda * tau;
  return logGamma + 0.5 * Math.log(precision / (2 * Math.PI)) - 0.5 * precision * (mu - post.mu) ** 2;
}

/** ln q(mu) + ln q(tau) of the mean-field approximation. */
export function meanFieldLogDensity(q: NormalGammaMeanField, mu: number, tau: number): number {
  if (!(tau > 0)) return -Infinity;
  const logGamma = q.a * Math.log(q.b) - lnGamma(q.a) + (q.a - 1) * Math.log(tau) - q.b * tau;
  return logGamma + 0.5 * Math.log(q.precision / (2 * Math.PI)) - 0.5 * q.precision * (mu - q.mean) ** 2;
}

/**
 * One CAVI sweep (Bishop 10.30, 10.33): q(mu) from E[tau], then q(tau) from the new q(mu).
 * mean = (lambda0 mu0 + n xbar)/(lambda0 + n), precision = (lambda0 + n) E[tau];
 * a = a0 + (n + 1)/2, b = b0 + (E[sum (x_i - mu)^2] + lambda0 E[(mu - mu0)^2]) / 2.
 */
export function caviSweep(data: NormalGammaData, prior: NormalGammaPrior, expectedTau: number): NormalGammaMeanField {
  const mean = (prior.lambda0 * prior.mu0 + data.n * data.mean) / (prior.lambda0 + data.n);
  const precision = (prior.lambda0 + data.n) * expectedTau;
  const variance = 1 / precision;
  const expectedSquares = data.sumSquares + data.n * ((data.mean - mean) ** 2 + variance);
  const expectedPrior = (mean - prior.mu0) ** 2 + variance;
  const a = prior.a0 + (data.n + 1) / 2;
  const b = prior.b0 + 0.5 * (expectedSquares + prior.lambda0 * expectedPrior);
  return { mean, precision, a, b };
}

/** The CAVI sequence q_1 ... q_sweeps from the initial guess E[tau] = initialTau. */
export function runNormalGammaCavi(data: NormalGammaData, prior: NormalGammaPrior, initialTau: number, sweeps: number): NormalGammaMeanField[] {
  const path: NormalGammaMeanField[] = [];
  let expectedTau = initialTau;
  for (let t = 0; t < sweeps; t += 1) {
    const q = caviSweep(data, prior, expectedTau);
    path.push(q);
    expectedTau = q.a / q.b;
  }
  return path;
}

/**
 * ELBO(q) = E_q[ln p(X, mu, tau)] + H[q(mu)] + H[q(tau)], in closed form with E[tau] = a/b and
 * E[ln tau] = psi(a) - ln b.
 */
export function meanFieldElbo(q: NormalGammaMeanField, data: NormalGammaData, prior: NormalGammaPrior): number {
  const expectedTau = q.a / q.b;
  const expectedLogTau = digamma(q.a) - Math.log(q.b);
  const variance = 1 / q.precision;
  const expectedSquares = data.sumSquares + data.n * ((data.mean - q.mean) ** 2 + variance);
  const expectedPrior = (q.mean - prior.mu0) ** 2 + variance;
  const logTwoPi = Math.log(2 * Math.PI);
  const likelihood = 0.5 * data.n * (expectedLogTau - logTwoPi) - 0.5 * expectedTau * expectedSquares;
  const priorMu = 0.5 * (Math.log(prior.lambda0) + expectedLogTau - logTwoPi) - 0.5 * prior.lambda0 * expectedTau * expectedPrior;
  const priorTau = prior.a0 * Math.log(prior.b0) - lnGamma(prior.a0) + (prior.a0 - 1) * expectedLogTau - prior.b0 * expectedTau;
  const entropyMu = 0.5 * (1 + logTwoPi - Math.log(q.precision));
  const entropyTau = q.a - Math.log(q.b) + lnGamma(q.a) + (1 - q.a) * digamma(q.a);
  return likelihood + priorMu + priorTau + entropyMu + entropyTau;
}

/** Posterior variances of mu and tau: exact (Student-t marginal of mu; needs a_N > 1) and under q. */
export function posteriorVariances(post: NormalGamma, q: NormalGammaMeanField): { exactMu: number; meanFieldMu: number; exactTau: number; meanFieldTau: number } {
  return {
    exactMu: post.a > 1 ? post.b / (post.lambda * (post.a - 1)) : Infinity,
    meanFieldMu: 1 / q.precision,
    exactTau: post.a / post.b ** 2,
    meanFieldTau: q.a / q.b ** 2,
  };
}
