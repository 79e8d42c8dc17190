/**
 * Maximising the ELBO of the conjugate model (x_i ~ N(z, s^2), z ~ N(m0, s0^2)) over
 * q(z) = N(m, e^{2 rho}) by stochastic gradient ascent with the reparameterisation trick,
 * z_j = m + e^rho eps_j (Kingma & Welling 2014, section 2.4), tfjs autodiff and Adam.
 * The optimum is the exact posterior, where ELBO = ln p(X) (MATH_NOTES B2.2, B2.6). Each readback also
 * measures the spread of the M-draw gradient estimate at the current q from REPLICATES independent
 * estimates (closed form to check it against: src/math/reparam-gradient.ts).
 */
import type { ConjugatePrior, DataSummary } from '../math/conjugate-gaussian';
import { createRng, standardNormals } from '../math/random';
import type { Tf } from '../tensor/tf';
import type * as TfCore from '../tensor/tf';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Seeded noise pool, cycled through in slices of `draws` per step. */
const POOL_SIZE = 8192;
/** Independent M-draw gradient estimates whose spread is reported. */
export const REPLICATES = 256;
const MAX_DRAWS = 64;

export interface AscentState {
  readonly iteration: number;
  readonly mean: number;
  readonly stdDev: number;
  /** The last step's Monte-Carlo ELBO estimate (mean over its draws), in nats. */
  readonly elboEstimate: number;
  /** Standard deviations, over REPLICATES independent M-draw estimates at the current q, of the gradient in (m, ln s). */
  readonly gradientSd: readonly [number, number];
  /** The number of draws M per estimate that these numbers belong to. */
  readonly draws: number;
}

/** A running ascent; owns its tensors until `dispose`. */
export class ElboAscent {
  private readonly pool: TfCore.Tensor1D;
  /** REPLICATES x M fixed draws for measuring the gradient's spread (fixed, so it changes only with q and M). */
  private readonly replicateEps: TfCore.Tensor2D;
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
    this.draws = Math.min(options.draws, MAX_DRAWS);
    this.pool = tf.tensor1d(standardNormals(createRng(options.seed), POOL_SIZE), 'float32');
    this.replicateEps = tf.tensor2d(standardNormals(createRng(options.seed + 1), REPLICATES * this.draws), [REPLICATES, this.draws], 'float32');
    this.mean = tf.tidy(() => tf.variable(tf.scalar(options.init.mean, 'float32')));
    this.logStdDev = tf.tidy(() => tf.variable(tf.scalar(Math.log(options.init.stdDev), 'float32')));
    this.optimizer = tf.train.adam(options.learningRate);
  }

  /** ln p(X, z_j) - ln q(z_j) per draw, z_j = m + e^rho eps_j; ln q(z_j) = -eps_j^2/2 - rho - ln sqrt(2 pi). Broadcasts m, rho against eps. */
  private logRatio(mean: TfCore.Tensor, logStdDev: TfCore.Tensor, eps: TfCore.Tensor): TfCore.Tensor {
    const { tf, data, prior } = this;
    const z = tf.add(mean, tf.mul(tf.exp(logStdDev), eps));
    const s2 = prior.noiseSd ** 2;
    const constant = -0.5 * data.n * Math.log(2 * Math.PI * s2) - data.ssd / (2 * s2) - Math.log(prior.priorSd) - HALF_LOG_TWO_PI;
    const logJoint = tf.add(
      tf.add(tf.mul(-data.n / (2 * s2), tf.square(tf.sub(z, data.mean))), tf.mul(-0.5 / prior.priorSd ** 2, tf.square(tf.sub(z, prior.priorMean)))),
      constant,
    );
    const logQ = tf.sub(tf.mul(-0.5, tf.square(eps)), tf.add(logStdDev, HALF_LOG_TWO_PI));
    return tf.sub(logJoint, logQ);
  }

  /** -(1/M) sum_j [ln p(X, z_j) - ln q(z_j)]: the loss Adam minimises. */
  private negativeElbo(eps: TfCore.Tensor): TfCore.Scalar {
    return this.tf.neg(this.tf.mean(this.logRatio(this.mean, this.logStdDev, eps))) as TfCore.Scalar;
  }

  /**
   * Standard deviations of REPLICATES independent M-draw gradient estimates in (m, rho): each row r gets its
   * own copy (m_r, rho_r) of the current parameters, so the gradient of the sum of the rows' estimates
   * with respect to the copies is every row's gradient at once.
   */
  private gradientSd(): TfCore.Tensor1D {
    const { tf } = this;
    const copies = (value: TfCore.Tensor) => tf.mul(tf.ones([REPLICATES, 1]), value);
    const gradients = tf.grads((mean: TfCore.Tensor, logStdDev: TfCore.Tensor) => tf.sum(tf.mean(this.logRatio(mean, logStdDev, this.replicateEps), 1)));
    const [gMean, gLogStdDev] = gradients([copies(this.mean), copies(this.logStdDev)]);
    return tf.stack([tf.sqrt(tf.moments(gMean!).variance), tf.sqrt(tf.moments(gLogStdDev!).variance)]) as TfCore.Tensor1D;
  }

  /** Runs `steps` Adam steps, each on the next `draws` seeded eps, and reads back once. */
  async step(steps: number): Promise<AscentState> {
    const { tf } = this;
    for (let i = 0; i < steps; i += 1) {
      const start = (this.iteration * this.draws) % (POOL_SIZE - this.draws + 1);
      this.lastEstimate?.dispose();
      this.lastEstimate = tf.tidy(() => {
        const eps = tf.slice(this.pool, [start], [this.draws]);
        const loss = this.optimizer.minimize(() => this.negativeElbo(eps), true, [this.mean, this.logStdDev]) as TfCore.Scalar;
        return tf.neg(loss) as TfCore.Scalar;
      });
      this.iteration += 1;
    }
    const estimate = this.lastEstimate ?? tf.scalar(NaN);
    const packed = tf.tidy(() => tf.concat([tf.stack([this.mean, tf.exp(this.logStdDev), estimate]), this.gradientSd()]));
    if (!this.lastEstimate) estimate.dispose();
    const [mean, stdDev, elboEstimate, sdMean, sdLogStdDev] = await packed.data();
    packed.dispose();
    return { iteration: this.iteration, mean, stdDev, elboEstimate, gradientSd: [sdMean, sdLogStdDev], draws: this.draws };
  }

  dispose(): void {
    this.lastEstimate?.dispose();
    this.pool.dispose();
    this.replicateEps.dispose();
    this.mean.dispose();
    this.logStdDev.dispose();
    this.optimizer.dispose();
  }
}
