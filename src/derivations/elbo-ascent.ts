/**
 * Maximising the ELBO of the conjugate model (x_i ~ N(z, s^2), z ~ N(m0, s0^2)) over
 * q(z) = N(m, e^{2 rho}) by stochastic gradient ascent with the reparameterisation trick,
 * z_j = m + e^rho eps_j (Kingma & Welling 2014, section 2.4), tfjs autodiff and Adam.
 * The optimum is the exact posterior, where ELBO = ln p(X) (MATH_NOTES B2.2, B2.6).
 */
import type { ConjugatePrior, DataSummary } from '../math/conjugate-gaussian';
import { createRng, standardNormals } from '../math/random';
import type { Tf } from './types';
import type * as TfCore from '@tensorflow/tfjs-core';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Seeded noise pool, cycled through in slices of `draws` per step. */
const POOL_SIZE = 8192;

export interface AscentState {
  readonly iteration: number;
  readonly mean: number;
  readonly stdDev: number;
  /** The last step's Monte-Carlo ELBO estimate (mean over its draws), in nats. */
  readonly elboEstimate: number;
}

/** A running ascent; owns its tensors until `dispose`. */
export class ElboAscent {
  private readonly pool: TfCore.Tensor1D;
  private readonly mean: TfCore.Variable;
  private readonly logStdDev: TfCore.Variable;
  private readonly optimizer: TfCore.Optimizer;
  private readonly draws: number;
  private iteration = 0;
  private lastEstimate: TfCore.Scalar | undefined;

  constructor(
    private readonly tf: Tf,
    private readonly data: DataSummary,
    private readonly prior: ConjugatePrior,
    options: { init: { mean: number; stdDev: number }; learningRate: number; draws: number; seed: number },
  ) {
    this.draws = Math.min(options.draws, POOL_SIZE);
    this.pool = tf.tensor1d(standardNormals(createRng(options.seed), POOL_SIZE), 'float32');
    this.mean = tf.tidy(() => tf.variable(tf.scalar(options.init.mean, 'float32')));
    this.logStdDev = tf.tidy(() => tf.variable(tf.scalar(Math.log(options.init.stdDev), 'float32')));
    this.optimizer = tf.train.adam(options.learningRate);
  }

  /** -(1/M) sum_j [ln p(X, z_j) - ln q(z_j)], z_j = m + e^rho eps_j; ln q(z_j) = -eps_j^2/2 - rho - ln sqrt(2 pi). */
  private negativeElbo(eps: TfCore.Tensor): TfCore.Scalar {
    const { tf, data, prior } = this;
    const z = tf.add(this.mean, tf.mul(tf.exp(this.logStdDev), eps));
    const s2 = prior.noiseSd ** 2;
    const constant = -0.5 * data.n * Math.log(2 * Math.PI * s2) - data.ssd / (2 * s2) - Math.log(prior.priorSd) - HALF_LOG_TWO_PI;
    const logJoint = tf.add(
      tf.add(tf.mul(-data.n / (2 * s2), tf.square(tf.sub(z, data.mean))), tf.mul(-0.5 / prior.priorSd ** 2, tf.square(tf.sub(z, prior.priorMean)))),
      constant,
    );
    const logQ = tf.sub(tf.mul(-0.5, tf.square(eps)), tf.add(this.logStdDev, HALF_LOG_TWO_PI));
    return tf.neg(tf.mean(tf.sub(logJoint, logQ))) as TfCore.Scalar;
  }

  /** Runs `steps` Adam steps, each on the next `draws` seeded eps, and reads back once. */
  async step(steps: number): Promise<AscentState> {
    const { tf } = this;
    for (let i = 0; i < steps; i += 1) {
      const start = (this.iteration * this.draws) % (POOL_SIZE - this.draws + 1);
      this.lastEstimate?.dispose();
      this.lastEstimate = tf.tidy(() => {
        const eps = tf.slice(this.pool, [start], [this.draws]);
        const loss = this.optimizer.minimize(() => this.negativeElbo(eps), true) as TfCore.Scalar;
        return tf.neg(loss) as TfCore.Scalar;
      });
      this.iteration += 1;
    }
    const estimate = this.lastEstimate ?? tf.scalar(NaN);
    const packed = tf.tidy(() => tf.stack([this.mean, tf.exp(this.logStdDev), estimate]));
    if (!this.lastEstimate) estimate.dispose();
    const [mean, stdDev, elboEstimate] = await packed.data();
    packed.dispose();
    return { iteration: this.iteration, mean, stdDev, elboEstimate };
  }

  dispose(): void {
    this.lastEstimate?.dispose();
    this.pool.dispose();
    this.mean.dispose();
    this.logStdDev.dispose();
    this.optimizer.dispose();
  }
}
