/**
 * Fitting q_theta = N(mu, sigma^2) to a sample by gradient descent on the average negative
 * log-likelihood, with tfjs autodiff and Adam; theta = (mu, ln sigma) keeps sigma positive.
 * The minimiser is the closed-form MLE: the sample mean and the biased (1/N) standard deviation.
 */
import type { Tf } from '../tensor/tf';
import type * as TfCore from '../tensor/tf';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface FitState {
  readonly iteration: number;
  readonly mean: number;
  readonly stdDev: number;
  /** Average NLL of the sample at (mean, stdDev), in nats. */
  readonly nll: number;
}

/** A running fit; owns its tensors until `dispose`. */
export class GaussianNllFit {
  private readonly samples: TfCore.Tensor1D;
  private readonly mean: TfCore.Variable;
  private readonly logStdDev: TfCore.Variable;
  private readonly optimizer: TfCore.Optimizer;
  private iteration = 0;

  constructor(private readonly tf: Tf, samples: Float32Array, init: { mean: number; stdDev: number }, learningRate: number) {
    this.samples = tf.tensor1d(samples, 'float32');
    // tidy disposes the initial scalars; variables survive it.
    this.mean = tf.tidy(() => tf.variable(tf.scalar(init.mean, 'float32')));
    this.logStdDev = tf.tidy(() => tf.variable(tf.scalar(Math.log(init.stdDev), 'float32')));
    this.optimizer = tf.train.adam(learningRate);
  }

  private loss(): TfCore.Scalar {
    const { tf } = this;
    const z = tf.div(tf.sub(this.samples, this.mean), tf.exp(this.logStdDev));
    return tf.add(tf.mean(tf.mul(0.5, tf.square(z))), tf.add(this.logStdDev, HALF_LOG_TWO_PI)) as TfCore.Scalar;
  }

  /** Runs `steps` Adam steps on the GPU and reads back once, at the end. */
  async step(steps: number): Promise<FitState> {
    const { tf } = this;
    for (let i = 0; i < steps; i += 1) {
      tf.tidy(() => {
        this.optimizer.minimize(() => this.loss());
      });
    }
    this.iteration += steps;
    const packed = tf.tidy(() => tf.stack([this.mean, tf.exp(this.logStdDev), this.loss()]));
    const [mean, stdDev, nll] = await packed.data();
    packed.dispose();
    return { iteration: this.iteration, mean, stdDev, nll };
  }

  dispose(): void {
    this.samples.dispose();
    this.mean.dispose();
    this.logStdDev.dispose();
    this.optimizer.dispose();
  }
}
