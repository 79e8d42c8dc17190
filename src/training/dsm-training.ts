/**
 * Training a noise-conditional score network by denoising score matching with Adam (Vincent 2011;
 * Song & Ermon 2019, eq. 6): each step draws a minibatch of data points (seeded, on the host), gives
 * row i the noise level sigma_{i mod L}, and takes one Adam step on the level-averaged,
 * sigma^2-weighted DSM loss (score-net.ts). Tensor shapes never change between steps, the
 * per-row levels stay on the device, and each `step(n)` reads back once.
 */
import { createRng, standardNormals } from '../math/random';
import { dsmLoss, initialScoreNetValues, learnedScore, stratifiedLevels } from './score-net';
import type { ScoreNetWeights } from './score-net';
import type { Tensor, Tf } from '../tensor/tf';
import type * as TfCore from '../tensor/tf';

export interface DsmTrainerOptions {
  /** Noise levels sigma_1 > ... > sigma_L. */
  readonly sigmas: readonly number[];
  readonly batch: number;
  readonly learningRate: number;
  readonly hidden: number;
  readonly seed: number;
  /** Points at which each readback also returns the score (the arrow grid), interleaved; optional. */
  readonly fieldPoints?: Float32Array;
}

export interface DsmTrainState {
  readonly iteration: number;
  /** Mean DSM loss over the steps since the previous readback (NaN before any step). */
  readonly loss: number;
  /** s_theta at the field points and the field noise level, interleaved (empty without field points). */
  readonly field: Float32Array;
  readonly fieldSigma: number;
}

/** A running DSM training; owns its tensors until `dispose`. */
export class DsmTrainer {
  private readonly weights: TfCore.Variable[];
  private readonly optimizer: TfCore.Optimizer;
  private readonly rows: { sigma: Tensor; logSigma: Tensor; rowWeight: Tensor };
  private readonly rowSigma: Float32Array;
  private readonly fieldPoints: Tensor | undefined;
  private readonly rng: () => number;
  private readonly count: number;
  private iteration = 0;
  private disposed = false;
  /** The noise level at which readbacks evaluate the field (an index into sigmas). */
  fieldLevel: number;

  constructor(private readonly tf: Tf, private readonly data: Float32Array, private readonly options: DsmTrainerOptions) {
    this.count = Math.floor(data.length / 2);
    if (this.count === 0) throw new RangeError('DSM training needs at least one data point.');
    const { level, weight } = stratifiedLevels(options.batch, options.sigmas.length);
    this.rowSigma = Float32Array.from(level, (l) => options.sigmas[l]);
    this.rows = {
      sigma: tf.tensor2d(this.rowSigma, [options.batch, 1], 'float32'),
      logSigma: tf.tensor2d(this.rowSigma.map(Math.log), [options.batch, 1], 'float32'),
      rowWeight: tf.tensor2d(weight, [options.batch, 1], 'float32'),
    };
    this.weights = initialScoreNetValues(options.hidden, options.seed).map(({ values, shape }) =>
      tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'))));
    this.optimizer = tf.train.adam(options.learningRate);
    this.fieldPoints = options.fieldPoints ? tf.tensor2d(options.fieldPoints, [options.fieldPoints.length / 2, 2], 'float32') : undefined;
    this.rng = createRng(options.seed + 7919);
    this.fieldLevel = options.sigmas.length - 1;
  }

  /** The next minibatch of clean points and noise, drawn on the host from the seeded generator. */
  private nextBatch(): { x: Float32Array; eps: Float32Array } {
    const { batch } = this.options;
    const x = new Float32Array(2 * batch);
    for (let i = 0; i < batch; i += 1) {
      const k = Math.min(this.count - 1, Math.floor(this.rng() * this.count));
      x[2 * i] = this.data[2 * k];
      x[2 * i + 1] = this.data[2 * k + 1];
    }
    return { x, eps: standardNormals(this.rng, 2 * batch) };
  }

  /** The DSM loss of the current network on one fresh minibatch, without a step (for tests). */
  async evaluateLoss(): Promise<number> {
    const { tf } = this;
    const { x, eps } = this.nextBatch();
    const loss = tf.tidy(() => dsmLoss(tf, this.weights, {
      ...this.rows, x: tf.tensor2d(x, [this.options.batch, 2]), eps: tf.tensor2d(eps, [this.options.batch, 2]),
    }));
    const [value] = await loss.data();
    loss.dispose();
    return value;
  }

  /** `steps` Adam steps, then one readback of the mean loss (and the score field). */
  async step(steps: number): Promise<DsmTrainState> {
    const { tf } = this;
    const { batch } = this.options;
    let total: Tensor = tf.scalar(0, 'float32');
    for (let i = 0; i < steps; i += 1) {
      const { x, eps } = this.nextBatch();
      const next = tf.tidy(() => {
        const xs = tf.tensor2d(x, [batch, 2], 'float32');
        const noise = tf.tensor2d(eps, [batch, 2], 'float32');
        const loss = this.optimizer.minimize(() => dsmLoss(tf, this.weights, { ...this.rows, x: xs, eps: noise }) as TfCore.Scalar, true, this.weights);
        return tf.add(total, loss as TfCore.Scalar);
      });
      total.dispose();
      total = next;
      this.iteration += 1;
    }
    const fieldSigma = this.options.sigmas[this.fieldLevel];
    const packed = tf.tidy(() => {
      const mean = tf.reshape(tf.div(total, Math.max(steps, 1)), [1]);
      if (!this.fieldPoints) return mean;
      return tf.concat([mean, tf.reshape(learnedScore(tf, this.weights, this.fieldPoints, fieldSigma), [-1])]);
    });
    total.dispose();
    const values = (await packed.data()) as Float32Array;
    packed.dispose();
    return { iteration: this.iteration, loss: steps > 0 ? values[0] : NaN, field: values.slice(1), fieldSigma };
  }

  /** s_theta at the field points at noise level sigma_level, read back once (while paused). */
  async field(level: number): Promise<Float32Array | undefined> {
    if (this.disposed || !this.fieldPoints) return undefined;
    const scores = learnedScore(this.tf, this.weights, this.fieldPoints, this.options.sigmas[level]);
    const values = (await scores.data()) as Float32Array;
    scores.dispose();
    return values;
  }

  /** A copy of the current weights, owned by the caller (e.g. a sampler that outlives training). */
  snapshot(): ScoreNetWeights {
    if (this.disposed) throw new Error('DsmTrainer.snapshot: the trainer was disposed');
    return this.weights.map((w) => this.tf.clone(w));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.weights.forEach((w) => w.dispose());
    this.optimizer.dispose();
    this.rows.sigma.dispose();
    this.rows.logSigma.dispose();
    this.rows.rowWeight.dispose();
    this.fieldPoints?.dispose();
  }
}
