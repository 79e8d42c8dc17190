/**
 * Closed forms for the VAE's Gaussians: a diagonal q(z|x) = N(m, diag v) against the prior N(0, I),
 * and the linear-Gaussian (factor-analysis) model p(z) = N(0, I), p(x|z) = N(W z + b, diag psi), whose
 * evidence is exact, so a linear VAE's ELBO can be checked against ln p(x) (Kingma & Welling 2014, app. B;
 * Tipping & Bishop 1999). All in nats, float64.
 */
import { gaussianKl } from './gaussian';

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** KL(N(m, diag v) || N(0, I)) = (1/2) sum_k (v_k + m_k^2 - 1 - ln v_k) (MATH_NOTES B2.6); NaN unless every v_k > 0. */
export function diagGaussianKlToStandard(means: ArrayLike<number>, variances: ArrayLike<number>): number {
  if (means.length !== variances.length) throw new RangeError(`means and variances differ in length (${means.length} vs ${variances.length}).`);
  let kl = 0;
  for (let k = 0; k < means.length; k += 1) {
    const v = variances[k]!;
    if (!(v > 0)) return NaN;
    kl += 0.5 * (v + means[k]! ** 2 - 1 - Math.log(v));
  }
  return kl;
}

/** The same KL as a sum of one-dimensional Gaussian KLs (gaussian.ts), used to cross-check the formula. */
export function diagGaussianKlBySum(means: ArrayLike<number>, variances: ArrayLike<number>): number {
  let kl = 0;
  for (let k = 0; k < means.length; k += 1) kl += gaussianKl(means[k]!, Math.sqrt(variances[k]!), 0, 1);
  return kl;
}

/** A linear-Gaussian decoder x = W z + b + noise, noise ~ N(0, diag psi); W is d x k, row-major. */
export interface LinearGaussianModel {
  readonly dataDim: number;
  readonly latentDim: number;
  /** W, d x k, row-major: W[i * k + j]. */
  readonly weights: ArrayLike<number>;
  readonly bias: ArrayLike<number>;
  /** Noise variances psi_i > 0. */
  readonly noiseVariances: ArrayLike<number>;
}

/** C = W W^T + diag psi, the marginal covariance of x (d x d, row-major). */
export function marginalCovariance(model: LinearGaussianModel): Float64Array {
  const { dataDim: d, latentDim: k, weights: w, noiseVariances: psi } = model;
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i += 1) {
    for (let j = 0; j < d; j += 1) {
      let sum = i === j ? psi[i]! : 0;
      for (let l = 0; l < k; l += 1) sum += w[i * k + l]! * w[j * k + l]!;
      c[i * d + j] = sum;
    }
  }
  return c;
}

/** Cholesky factor L (lower, row-major) of an SPD matrix; throws if not positive definite. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i * n + j]!;
      for (let m = 0; m < j; m += 1) sum -= l[i * n + m]! * l[j * n + m]!;
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('The covariance is not positive definite.');
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** ln N(x; mean, C) = -(d/2) ln 2 pi - (1/2) ln|C| - (1/2) (x - mean)^T C^-1 (x - mean), by Cholesky. */
export function mvnLogPdf(x: ArrayLike<number>, mean: ArrayLike<number>, covariance: Float64Array): number {
  const d = x.length;
  const l = cholesky(covariance, d);
  // Solve L y = x - mean; then the quadratic form is |y|^2 and ln|C| = 2 sum ln L_ii.
  const y = new Float64Array(d);
  let quad = 0;
  let logDet = 0;
  for (let i = 0; i < d; i += 1) {
    let r = x[i]! - mean[i]!;
    for (let m = 0; m < i; m += 1) r -= l[i * d + m]! * y[m]!;
    y[i] = r / l[i * d + i]!;
    quad += y[i]! ** 2;
    logDet += 2 * Math.log(l[i * d + i]!);
  }
  return -0.5 * (d * LOG_TWO_PI + logDet + quad);
}

/** Exact ln p(x) = ln N(x; b, W W^T + diag psi) of the linear-Gaussian model (z integrated out). */
export function linearGaussianLogEvidence(model: LinearGaussianModel, x: ArrayLike<number>): number {
  return mvnLogPdf(x, model.bias, marginalCovariance(model));
}

/**
 * Exact ELBO of q(z) = N(m, diag v) for one x under the linear-Gaussian model:
 * E_q ln p(x|z) - KL(q || N(0, I)), with E_q ln p(x|z) = ln N(x; W m + b, diag psi) - (1/2) sum_i sum_j W_ij^2 v_j / psi_i.
 */
export function linearGaussianElbo(model: LinearGaussianModel, x: ArrayLike<number>, qMean: ArrayLike<number>, qVariance: ArrayLike<number>): number {
  return linearGaussianExpectedLogLikelihood(model, x, qMean, qVariance) - diagGaussianKlToStandard(qMean, qVariance);
}

/** E_q ln p(x|z) for q = N(m, diag v): the reconstruction term, in closed form (linear decoder). */
export function linearGaussianExpectedLogLikelihood(model: LinearGaussianModel, x: ArrayLike<number>, qMean: ArrayLike<number>, qVariance: ArrayLike<number>): number {
  const { dataDim: d, latentDim: k, weights: w, bias: b, noiseVariances: psi } = model;
  let total = 0;
  for (let i = 0; i < d; i += 1) {
    let mean = b[i]!;
    let spread = 0;
    for (let j = 0; j < k; j += 1) {
      mean += w[i * k + j]! * qMean[j]!;
      spread += w[i * k + j]! ** 2 * qVariance[j]!;
    }
    total += -0.5 * (LOG_TWO_PI + Math.log(psi[i]!)) - ((x[i]! - mean) ** 2 + spread) / (2 * psi[i]!);
  }
  return total;
}

/**
 * The exact posterior p(z|x) = N(M^-1 W^T Psi^-1 (x - b), M^-1) with M = I + W^T Psi^-1 W, for k = 1
 * (a scalar M), where q = N(m, v) can equal it and the ELBO then equals ln p(x).
 */
export function linearGaussianPosterior1d(model: LinearGaussianModel, x: ArrayLike<number>): { mean: number; variance: number } {
  if (model.latentDim !== 1) throw new RangeError('linearGaussianPosterior1d needs a one-dimensional latent.');
  let precision = 1;
  let projection = 0;
  for (let i = 0; i < model.dataDim; i += 1) {
    const w = model.weights[i]!;
    precision += (w * w) / model.noiseVariances[i]!;
    projection += (w * (x[i]! - model.bias[i]!)) / model.noiseVariances[i]!;
  }
  return { mean: projection / precision, variance: 1 / precision };
}

/**
 * Mean log-likelihood per point of the maximum-likelihood Gaussian N(x-bar, S) of 2-D points (S biased):
 * -ln(2 pi) - (1/2) ln|S| - 1. A linear VAE with a one-dimensional latent can reach exactly this value.
 */
export function gaussianMleMeanLogLikelihood2d(points: ArrayLike<number>): number {
  const n = points.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += points[2 * i]!;
    my += points[2 * i + 1]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = points[2 * i]! - mx;
    const dy = points[2 * i + 1]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const det = (sxx / n) * (syy / n) - (sxy / n) ** 2;
  return -LOG_TWO_PI - 0.5 * Math.log(det) - 1;
}
