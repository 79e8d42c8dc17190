/**
 * Fitting q = N(m, s^2) to a Gaussian mixture p by minimising the reverse KL(q||p) with tfjs
 * autodiff. With x = m + s z, KL(q||p) = -H(q) - E_z[ln p(m + s z)], H(q) = ln s + 0.5 ln(2 pi e);
 * the expectation is a fixed Simpson rule in z, so the objective is smooth and deterministic.
 * Several starts are optimised at once as one batch (for separated modes reverse KL has one local
 * minimum per mode and a wide central one; src/math/gaussian-fit.ts reverseKlLocalMinima finds all three).
 */
import type { GaussianMixture } from '../math/mixture';
import { gaussianLogPdf, mixtureLogPdf, simpsonGrid } from '../tensor/ops';
import type { Tf } from '../tensor/tf';

const HALF_LOG_TWO_PI_E = 0.5 * Math.log(2 * Math.PI * Math.E);

export interface ReverseFit {
  readonly mean: number;
  readonly stdDev: number;
  /** KL(q||p) at the fit, nats. */
  readonly kl: number;
}

/** Minimises KL(q||p) from each start with Adam; one readback at the end. */
export async function fitReverseKl(
  tf: Tf,
  mixture: GaussianMixture,
  starts: readonly { mean: number; stdDev: number }[],
  options: { iterations?: number; rate?: number } = {},
): Promise<ReverseFit[]> {
  const { iterations = 300, rate = 0.08 } = options;
  const { points, weights } = simpsonGrid(-8, 8, 400);
  const z = tf.tensor2d(points, [1, points.length], 'float32');
  const zWeights = tf.tidy(() => {
    const w = tf.tensor2d(weights, [1, weights.length], 'float32');
    return tf.mul(w, tf.exp(tf.sub(tf.mul(-0.5, tf.square(z)), 0.5 * Math.log(2 * Math.PI))));
  });
  const mean = tf.tidy(() => tf.variable(tf.tensor2d(starts.map((s) => s.mean), [starts.length, 1], 'float32')));
  const logStdDev = tf.tidy(() => tf.variable(tf.tensor2d(starts.map((s) => Math.log(s.stdDev)), [starts.length, 1], 'float32')));
  const optimizer = tf.train.adam(rate);
  const klPerStart = () => {
    const x = tf.add(mean, tf.mul(tf.exp(logStdDev), z));
    const logP = tf.reshape(mixtureLogPdf(tf, tf.reshape(x, [-1]), mixture), x.shape);
    const expectedLogP = tf.sum(tf.mul(zWeights, logP), 1);
    return tf.neg(tf.add(tf.add(tf.reshape(logStdDev, [-1]), HALF_LOG_TWO_PI_E), expectedLogP));
  };
  try {
    for (let i = 0; i < iterations; i += 1) {
      tf.tidy(() => {
        optimizer.minimize(() => tf.sum(klPerStart()) as ReturnType<typeof tf.scalar>);
      });
    }
    const packed = tf.tidy(() => tf.concat([tf.reshape(mean, [-1]), tf.reshape(tf.exp(logStdDev), [-1]), klPerStart()]));
    const data = await packed.data();
    packed.dispose();
    const k = starts.length;
    return starts.map((_, i) => ({ mean: data[i], stdDev: data[k + i], kl: data[2 * k + i] }));
  } finally {
    z.dispose();
    zWeights.dispose();
    mean.dispose();
    logStdDev.dispose();
    optimizer.dispose();
  }
}

/**
 * KL(p||q_i) and KL(q_i||p) for each Gaussian q_i against the mixture p, by Simpson quadrature
 * on one grid, in one readback: the numbers the forward/reverse island prints.
 */
export async function klBothDirections(
  tf: Tf,
  mixture: GaussianMixture,
  gaussians: readonly { mean: number; stdDev: number }[],
  range: readonly [number, number],
): Promise<{ forward: number[]; reverse: number[] }> {
  const { points, weights } = simpsonGrid(range[0], range[1], 4000);
  const packed = tf.tidy(() => {
    const x = tf.tensor1d(points, 'float32');
    const w = tf.tensor1d(weights, 'float32');
    const logP = mixtureLogPdf(tf, x, mixture);
    const values = gaussians.flatMap(({ mean, stdDev }) => {
      const logQ = gaussianLogPdf(tf, x, mean, stdDev);
      const logRatio = tf.sub(logP, logQ);
      return [
        tf.sum(tf.mul(tf.mul(w, tf.exp(logP)), logRatio)),
        tf.sum(tf.mul(tf.mul(w, tf.exp(logQ)), tf.neg(logRatio))),
      ];
    });
    return tf.stack(values);
  });
  const data = await packed.data();
  packed.dispose();
  return {
    forward: gaussians.map((_, i) => Math.max(0, data[2 * i])),
    reverse: gaussians.map((_, i) => Math.max(0, data[2 * i + 1])),
  };
}
