/**
 * Model "conjugate-elbo": x_i ~ N(z, s^2), z ~ N(m0, s0^2), q(z) = N(mq, sq^2). The evidence
 * decomposition ln p(X) = ELBO(q) + KL(q || p(z|X)) >= ELBO(q), and the same bound by Jensen,
 * every term exact (float64 closed forms, float32 quadrature) or Monte Carlo with reparameterised
 * draws z = mq + sq eps (MATH_NOTES B2.1-B2.3).
 */
import { conjugatePosterior, exactElbo, logEvidence, posteriorKl, summarize } from '../math/conjugate-gaussian';
import { gaussianKlFormula } from '../math/gaussian';
import type { ConjugatePrior, DataSummary } from '../math/conjugate-gaussian';
import { gaussianSamples } from '../math/random';
import { gaussianLogPdf, meanAndStdErr, simpsonGrid } from '../tensor/ops';
import { standardNormalSample } from './gaussian-kl-mc';
import { evidenceBarPlot } from '../charts/evidence-bar';
import { cachedSample } from './sample-cache';
import type { DerivationModel, ParamSpec, ParamValues, Scalar, Tensor, Tf } from './types';

export const CONJUGATE_ELBO_PARAMS: readonly ParamSpec[] = [
  { name: 'mq', label: 'mean of q', tex: 'm_q', min: -3, max: 3, step: 0.05, default: 0 },
  { name: 'sq', label: 'standard deviation of q', tex: 's_q', min: 0.05, max: 2, step: 0.05, default: 0.5 },
  { name: 's', label: 'noise standard deviation', tex: 's', min: 0.5, max: 3, step: 0.1, default: 1 },
  { name: 'm0', label: 'prior mean', tex: 'm_0', min: -2, max: 2, step: 0.1, default: 0 },
  { name: 's0', label: 'prior standard deviation', tex: 's_0', min: 0.3, max: 3, step: 0.1, default: 1 },
];

/** The latent value that generated the seeded data set. */
export const TRUE_Z = 1;
/** Reparameterised Monte-Carlo draws per evaluation (their own seeded stream). */
export const MC_DRAWS = 4000;
const MC_SEED_OFFSET = 7919;

/** The seeded data x_i = z_true + s eps_i (float32 values, shared by the island and the tests). */
export function conjugateData(seed: number, n: number, noiseSd: number): Float32Array {
  return cachedSample(`conjugate:${seed}:${n}:${noiseSd}`, () => gaussianSamples(seed, n, TRUE_Z, noiseSd));
}

/** The prior of the current parameters. */
export function priorOf(params: ParamValues): ConjugatePrior {
  return { noiseSd: params.s, priorMean: params.m0, priorSd: params.s0 };
}

interface ConjugateData {
  readonly summary: DataSummary;
  /** eps_j ~ N(0, 1), float32: the reparameterisation's noise. */
  readonly eps: Tensor;
}

/** ln p(X, z) elementwise for a tensor of z, through (n, x-bar, SSD): no sum over the data. */
function logJointTensor(tf: Tf, z: Tensor, summary: DataSummary, params: ParamValues): Tensor {
  const s2 = params.s ** 2;
  const constant = -0.5 * summary.n * Math.log(2 * Math.PI * s2) - summary.ssd / (2 * s2);
  const fit = tf.mul(-summary.n / (2 * s2), tf.square(tf.sub(z, summary.mean)));
  return tf.add(tf.add(fit, constant), gaussianLogPdf(tf, z, params.m0, tf.scalar(params.s0)));
}

/** A Simpson grid over mean +- 12 sd (float32 points and log weights). */
function logGrid(tf: Tf, mean: number, stdDev: number): { z: Tensor; logWeights: Tensor } {
  const { points, weights } = simpsonGrid(mean - 12 * stdDev, mean + 12 * stdDev, 2000);
  return { z: tf.tensor1d(points, 'float32'), logWeights: tf.log(tf.tensor1d(weights, 'float32')) };
}

export const conjugateElboModel: DerivationModel<ConjugateData> = {
  id: 'conjugate-elbo',
  params: CONJUGATE_ELBO_PARAMS,
  sample: { defaultN: 20, minN: 1, maxN: 100_000, defaultSeed: 3 },
  prepare(tf, params, { seed, n }) {
    return {
      summary: summarize(conjugateData(seed, n, params.s)),
      eps: tf.tensor1d(standardNormalSample(seed + MC_SEED_OFFSET, MC_DRAWS), 'float32'),
    };
  },
  evaluators: {
    logEvidence: (_tf, { summary }, params) => logEvidence(summary, priorOf(params)),
    /** ELBO + KL, the KL unclamped: "KL is never negative" on the next line must be able to fail. */
    elboPlusKl: (_tf, { summary }, params) => {
      const q = { mean: params.mq, stdDev: params.sq };
      const post = conjugatePosterior(summary, priorOf(params));
      return exactElbo(q, summary, priorOf(params)) + gaussianKlFormula(q.mean, q.stdDev, post.mean, post.stdDev);
    },
    elbo: (_tf, { summary }, params) => exactElbo({ mean: params.mq, stdDev: params.sq }, summary, priorOf(params)),
    /** (1/M) sum_j [ln p(X, z_j) - ln q(z_j)] with z_j = mq + sq eps_j, +- s.e. */
    elboMonteCarlo: (tf, { summary, eps }, params) => {
      const z = tf.add(tf.mul(eps, params.sq), params.mq);
      const logQ = gaussianLogPdf(tf, z, params.mq, tf.scalar(params.sq));
      return meanAndStdErr(tf, tf.sub(logJointTensor(tf, z, summary, params), logQ));
    },
    /** KL(q || p(z|X)) in closed form (both Gaussian). */
    klExact: (_tf, { summary }, params) => posteriorKl({ mean: params.mq, stdDev: params.sq }, summary, priorOf(params)),
    /** (1/M) sum_j [ln q(z_j) - ln p(z_j | X)] with z_j = mq + sq eps_j, +- s.e.: the KL by Monte Carlo. */
    klMonteCarlo: (tf, { summary, eps }, params) => {
      const post = conjugatePosterior(summary, priorOf(params));
      const z = tf.add(tf.mul(eps, params.sq), params.mq);
      const logQ = gaussianLogPdf(tf, z, params.mq, tf.scalar(params.sq));
      return meanAndStdErr(tf, tf.sub(logQ, gaussianLogPdf(tf, z, post.mean, tf.scalar(post.stdDev))));
    },
    /** ln p(X) - ELBO(q), both in closed form: the gap the bound leaves. */
    evidenceGap: (_tf, { summary }, params) =>
      logEvidence(summary, priorOf(params)) - exactElbo({ mean: params.mq, stdDev: params.sq }, summary, priorOf(params)),
    /** ln of the integral of q(z) p(X,z)/q(z) = p(X, z) over z (q cancels), by Simpson in log space. */
    logMeanWeight: (tf, { summary }, params) => {
      const post = conjugatePosterior(summary, priorOf(params));
      const { z, logWeights } = logGrid(tf, post.mean, post.stdDev);
      return tf.logSumExp(tf.add(logWeights, logJointTensor(tf, z, summary, params))) as Scalar;
    },
    /** The integral of q(z) [ln p(X, z) - ln q(z)] over z by Simpson on mq +- 12 sq. */
    elboQuadrature: (tf, { summary }, params) => {
      const { z, logWeights } = logGrid(tf, params.mq, params.sq);
      const logQ = gaussianLogPdf(tf, z, params.mq, tf.scalar(params.sq));
      return tf.sum(tf.mul(tf.exp(tf.add(logWeights, logQ)), tf.sub(logJointTensor(tf, z, summary, params), logQ))) as Scalar;
    },
  },
  /** The stacked bar ELBO + KL = ln p(X), drawn when the derivation shows those three steps. */
  figure(values) {
    const { logEvidence: evidence, elbo, elboPlusKl, elboMonteCarlo } = values;
    if (!evidence || !elbo || !elboPlusKl) return undefined;
    const kl = elboPlusKl.value - elbo.value;
    const mc = elboMonteCarlo?.stdErr !== undefined ? { value: elboMonteCarlo.value, stdErr: elboMonteCarlo.stdErr } : undefined;
    return {
      options: evidenceBarPlot({ logEvidence: evidence.value, elbo: elbo.value, kl, elboMonteCarlo: mc }),
      description: `Stacked bar: the ELBO (${elbo.value.toFixed(3)} nats) plus the KL divergence from q to the posterior (${kl.toFixed(3)} nats) ends exactly at ln p(X) = ${evidence.value.toFixed(3)}.${mc ? ` Below, the Monte-Carlo ELBO ${mc.value.toFixed(3)} with two standard errors (${(2 * mc.stdErr).toFixed(3)}).` : ''}`,
      caption: 'Blue: the ELBO; gold: KL(q ‖ p(z|X)) stacked on it. However you move q, the stack ends on the line ln p(X): the bound trades one part for the other. Below: the Monte-Carlo ELBO, ± 2 standard errors.',
    };
  },
};
