/**
 * A noise-conditional score network for 2-D data (Song & Ermon 2019, 2020): an MLP
 *   f(x, sigma) = W3 softplus(W2 softplus(W1x x + w1s ln sigma + b1) + b2) + b3,
 *   s_theta(x, sigma) = f(x, sigma) / sigma,
 * with ln sigma as an input (the shape of the score changes with the noise level: one blob at large
 * sigma, separate modes at small sigma) and the output divided by sigma (Song & Ermon 2020,
 * technique 3), so that the sigma^2-weighted target sigma s = -eps has unit scale at every level.
 */
import { createRng } from '../math/random';
import type { Tensor, Tf } from '../tensor/tf';

/** The network's weights as tensors, in the order W1x [2, H], w1s [1, H], b1 [H], W2 [H, H], b2 [H], W3 [H, 2], b3 [2]. */
export type ScoreNetWeights = readonly Tensor[];

/** Initial weights as plain arrays: Glorot-uniform, seeded; the output layer zero, so s_theta = 0 at the start. */
export function initialScoreNetValues(hidden: number, seed: number): { values: Float32Array; shape: number[] }[] {
  const rng = createRng(seed);
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng() - 1) * limit);
  };
  // The input layer sees (x1, x2, ln sigma): one Glorot range for its three rows.
  const first = glorot(3, hidden);
  return [
    { values: first.subarray(0, 2 * hidden), shape: [2, hidden] },
    { values: first.subarray(2 * hidden), shape: [1, hidden] },
    { values: new Float32Array(hidden), shape: [hidden] },
    { values: glorot(hidden, hidden), shape: [hidden, hidden] },
    { values: new Float32Array(hidden), shape: [hidden] },
    { values: new Float32Array(hidden * 2), shape: [hidden, 2] },
    { values: new Float32Array(2), shape: [2] },
  ];
}

/** The raw output f(x, sigma) for x [B, 2] and ln sigma [B, 1] (or a scalar): shape [B, 2]. */
export function scoreNetOutput(tf: Tf, weights: ScoreNetWeights, x: Tensor, logSigma: Tensor): Tensor {
  const [w1x, w1s, b1, w2, b2, w3, b3] = weights;
  return tf.tidy(() => {
    const h1 = tf.softplus(tf.add(tf.add(tf.matMul(x, w1x), tf.mul(logSigma, w1s)), b1));
    const h2 = tf.softplus(tf.add(tf.matMul(h1, w2), b2));
    return tf.add(tf.matMul(h2, w3), b3);
  });
}

/** s_theta(x, sigma) = f(x, sigma) / sigma for x [B, 2] at one noise level sigma: shape [B, 2]. */
export function learnedScore(tf: Tf, weights: ScoreNetWeights, x: Tensor, sigma: number): Tensor {
  return tf.tidy(() => tf.div(scoreNetOutput(tf, weights, x, tf.scalar(Math.log(sigma), 'float32')), sigma));
}

/** One minibatch for the DSM loss; every row has its own noise level. */
export interface DsmBatch {
  /** Clean data x [B, 2]. */
  readonly x: Tensor;
  /** Standard normal noise eps [B, 2]; the noised point is x~ = x + sigma eps. */
  readonly eps: Tensor;
  /** sigma and ln sigma per row [B, 1]. */
  readonly sigma: Tensor;
  readonly logSigma: Tensor;
  /** Row weights [B, 1] summing to 1 (1/(L n_l) for a row of level l: the average over levels). */
  readonly rowWeight: Tensor;
}

/**
 * The sigma^2-weighted denoising score-matching loss (Song & Ermon 2019, eq. 6), averaged over levels:
 *   L = sum_i w_i (1/2) || sigma_i s_theta(x~_i, sigma_i) + (x~_i - x_i) / sigma_i ||^2,  x~_i = x_i + sigma_i eps_i,
 * where (x~ - x)/sigma = eps. A scalar.
 */
export function dsmLoss(tf: Tf, weights: ScoreNetWeights, batch: DsmBatch): Tensor {
  return tf.tidy(() => {
    const noised = tf.add(batch.x, tf.mul(batch.sigma, batch.eps));
    const score = tf.div(scoreNetOutput(tf, weights, noised, batch.logSigma), batch.sigma);
    const residual = tf.add(tf.mul(batch.sigma, score), batch.eps);
    const perRow = tf.mul(0.5, tf.sum(tf.square(residual), 1, true));
    return tf.sum(tf.mul(perRow, batch.rowWeight));
  });
}

/**
 * Stratified levels for a batch of `batch` rows over `levels` levels: row i has level i mod L, and
 * weight 1/(L n_l), so the weighted sum is exactly the average over levels of each level's mean.
 */
export function stratifiedLevels(batch: number, levels: number): { level: Int32Array; weight: Float32Array } {
  if (batch < levels) throw new RangeError(`A batch of ${batch} cannot cover ${levels} noise levels.`);
  const level = Int32Array.from({ length: batch }, (_, i) => i % levels);
  const counts = new Array<number>(levels).fill(0);
  level.forEach((l) => { counts[l] += 1; });
  return { level, weight: Float32Array.from(level, (l) => 1 / (levels * counts[l])) };
}
