/**
 * Models "gaussian-esm-ism" and "gaussian-esm-ism-sample": explicit and implicit score matching for
 * data p = N(m, s^2) and the unnormalised model q_theta(x) ~ exp(-(x - mu)^2 / (2 sigma^2))
 * (Hyvarinen 2005, Theorem 1; MATH_NOTES B3.2-B3.5). Scores and their x-derivatives come from tfjs
 * autodiff of the log-densities; expectations under p are Simpson integrals, so J_ESM - J_ISM is
 * checked to be the constant E_p(d/dx log p)^2 / 2 = 1 / (2 s^2) exactly, not up to sampling noise.
 * The second model shows the caveat of B3.4: on one small sample the two *sample* objectives do
 * not differ by a constant.
 */
import { gaussianLogPdf, integrateAgainst, meanAndStdErr, simpsonGrid } from '../tensor/ops';
import { scoreDerivative1d, scoreOf } from '../tensor/score';
import type { LogDensity } from '../tensor/score';
import { standardNormalSample } from './gaussian-kl-mc';
import type { DerivationModel, Evaluator, ParamSpec, ParamValues, Tensor, Tf } from './types';
import { MIN_SAMPLE_SIZE } from './check';

export const GAUSSIAN_ESM_ISM_PARAMS: readonly ParamSpec[] = [
  { name: 'm', label: 'mean of the data density p', tex: 'm', min: -2, max: 2, step: 0.05, default: 0 },
  { name: 's', label: 'standard deviation of p', tex: 's', min: 0.5, max: 2, step: 0.05, default: 1 },
  { name: 'mu', label: 'mean of the model q', tex: '\\mu', min: -3, max: 3, step: 0.05, default: 1 },
  { name: 'sigma', label: 'standard deviation of the model q', tex: '\\sigma', min: 0.5, max: 3, step: 0.05, default: 1.5 },
];

/** ln q~_theta(x) = -(x - mu)^2 / (2 sigma^2): the model without its normalising constant. */
export function unnormalisedGaussian(tf: Tf, mean: number, stdDev: number): LogDensity {
  return (x) => tf.mul(-0.5, tf.square(tf.div(tf.sub(x, mean), stdDev)));
}

interface EsmIsmData {
  /** x_i ~ p, float32. */
  readonly samples: Tensor;
  readonly grid: Tensor;
  readonly weights: Tensor;
  /** ln p on the grid. */
  readonly logP: Tensor;
}

/** The score terms at points x: model score, its derivative, and the data score. */
function scoreTerms(tf: Tf, x: Tensor, { m, s, mu, sigma }: ParamValues) {
  const model = unnormalisedGaussian(tf, mu, sigma);
  return {
    modelScore: scoreOf(tf, model, x),
    modelScoreDerivative: scoreDerivative1d(tf, model, x),
    dataScore: scoreOf(tf, (t) => gaussianLogPdf(tf, t, m, s), x),
  };
}

/** E_p[f] by Simpson's rule, for f built from the score terms on the grid. */
function expect(tf: Tf, data: EsmIsmData, params: ParamValues, f: (terms: ReturnType<typeof scoreTerms>) => Tensor) {
  return integrateAgainst(tf, data.weights, data.logP, f(scoreTerms(tf, data.grid, params)));
}

const half = (tf: Tf, t: Tensor) => tf.mul(0.5, tf.square(t));

/** (1/2)(s_theta - d/dx log p)^2 and (1/2) s_theta^2 + d/dx s_theta, pointwise. */
const esmIntegrand = (tf: Tf, t: ReturnType<typeof scoreTerms>) => half(tf, tf.sub(t.modelScore, t.dataScore));
const ismIntegrand = (tf: Tf, t: ReturnType<typeof scoreTerms>) => tf.add(half(tf, t.modelScore), t.modelScoreDerivative);

function prepare(tf: Tf, { m, s }: ParamValues, { seed, n }: { seed: number; n: number }): EsmIsmData {
  const z = tf.tensor1d(standardNormalSample(seed, n), 'float32');
  const { points, weights } = simpsonGrid(m - 12 * s, m + 12 * s, 4000);
  const grid = tf.tensor1d(points, 'float32');
  return {
    samples: tf.add(tf.mul(z, s), m),
    grid,
    weights: tf.tensor1d(weights, 'float32'),
    logP: gaussianLogPdf(tf, grid, m, s),
  };
}

const evaluators: Readonly<Record<string, Evaluator<EsmIsmData>>> = {
  /** J_ESM = (1/2) E_p (s_theta - d/dx log p)^2 */
  esm: (tf, data, params) => expect(tf, data, params, (t) => esmIntegrand(tf, t)),
  /** (1/2) E_p s_theta^2 - E_p[s_theta d/dx log p] + (1/2) E_p (d/dx log p)^2 */
  expanded: (tf, data, params) =>
    expect(tf, data, params, (t) =>
      tf.add(tf.sub(half(tf, t.modelScore), tf.mul(t.modelScore, t.dataScore)), half(tf, t.dataScore))),
  /** After integration by parts: (1/2) E_p s_theta^2 + E_p[d/dx s_theta] + (1/2) E_p (d/dx log p)^2 */
  byParts: (tf, data, params) =>
    expect(tf, data, params, (t) => tf.add(ismIntegrand(tf, t), half(tf, t.dataScore))),
  /**
   * J_ISM = E_p[(1/2) s_theta^2 + d/dx s_theta] in closed form (float64): the previous line is a
   * quadrature of autodiff scores, so "equal up to a constant" is a real test, not ism + constant.
   */
  ism: (_tf, _data, params) => implicitScoreMatching(params),
  /** The constant (1/2) E_p (d/dx log p)^2, = 1 / (2 s^2) */
  constant: (tf, data, params) => expect(tf, data, params, (t) => half(tf, t.dataScore)),
  /** Monte Carlo: (1/n) sum_i [(1/2) s_theta(x_i)^2 + d/dx s_theta(x_i)], x_i ~ p, with its standard error */
  ismSample: (tf, { samples }, params) => meanAndStdErr(tf, ismIntegrand(tf, scoreTerms(tf, samples, params))),
};

export const gaussianEsmIsmModel: DerivationModel<EsmIsmData> = {
  id: 'gaussian-esm-ism',
  params: GAUSSIAN_ESM_ISM_PARAMS,
  sample: { defaultN: 2000, minN: MIN_SAMPLE_SIZE, maxN: 1_000_000, defaultSeed: 1 },
  prepare,
  evaluators,
};

/**
 * The sample objectives on one small sample, as exact numbers of that sample (no standard error):
 * they differ by (1/2) mean (d/dx log p)^2 + (1 - mean z^2)/sigma^2 - (m - mu) mean z / (s sigma^2),
 * with z_i = (x_i - m)/s, which moves with mu and sigma unless mean z^2 = 1 and mean z = 0.
 */
export const gaussianEsmIsmSampleModel: DerivationModel<EsmIsmData> = {
  id: 'gaussian-esm-ism-sample',
  params: GAUSSIAN_ESM_ISM_PARAMS,
  sample: { defaultN: 20, minN: 5, maxN: 200, defaultSeed: 1 },
  prepare,
  evaluators: {
    /** (1/n) sum_i (1/2)(s_theta(x_i) - d/dx log p(x_i))^2 */
    esmOnSample: (tf, { samples }, params) => tf.mean(esmIntegrand(tf, scoreTerms(tf, samples, params))),
    /** (1/n) sum_i [(1/2) s_theta(x_i)^2 + d/dx s_theta(x_i)] */
    ismOnSample: (tf, { samples }, params) => tf.mean(ismIntegrand(tf, scoreTerms(tf, samples, params))),
  },
};

/** J_ESM in closed form: s_theta - d/dx log p = a x + b is linear, so E_p (a x + b)^2 = a^2 s^2 + (a m + b)^2. */
export function explicitScoreMatching({ m, s, mu, sigma }: ParamValues): number {
  const a = 1 / (s * s) - 1 / (sigma * sigma);
  const b = mu / (sigma * sigma) - m / (s * s);
  return 0.5 * (a * a * s * s + (a * m + b) ** 2);
}

/** J_ISM in closed form: E_p[(x - mu)^2 / (2 sigma^4) - 1 / sigma^2] = (s^2 + (m - mu)^2) / (2 sigma^4) - 1 / sigma^2. */
export function implicitScoreMatching({ m, s, mu, sigma }: ParamValues): number {
  const v = sigma * sigma;
  return (s * s + (m - mu) ** 2) / (2 * v * v) - 1 / v;
}
