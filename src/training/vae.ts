/**
 * A variational autoencoder on 2-D points (Kingma & Welling 2014), trained in tfjs with Adam:
 * encoder q_phi(z|x) = N(mu_phi(x), diag sigma_phi(x)^2), prior p(z) = N(0, I), decoder
 * p_theta(x|z) = N(f_theta(z), diag s^2) with a learnt noise sd s per coordinate. Each step draws one
 * z = mu + sigma * eps per point of a minibatch (the reparameterisation trick, MATH_NOTES B2.6) and
 * climbs ELBO(x) = E_q ln p(x|z) - KL(q(z|x) || N(0, I)), the KL in closed form, the reconstruction
 * term by Monte Carlo. With no hidden layers both networks are linear and the model is factor
 * analysis, whose exact ln p(x) is known (src/math/diag-gaussian.ts).
 * All shapes are fixed at construction, so the GPU backends compile each kernel once.
 */
import { createRng, standardNormals } from '../math/random';
import type { Tf } from '../tensor/tf';
import type * as TfCore from '../tensor/tf';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const DATA_DIM = 2;

export interface VaeOptions {
  /** n points, interleaved (x0, y0, x1, y1, ...); n must be a multiple of batchSize. */
  readonly points: Float32Array;
  readonly latentDim: number;
  /** Widths of the hidden tanh layers of both networks; [] makes them linear. */
  readonly hidden: readonly number[];
  readonly learningRate: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Draws from the prior decoded for the "samples" view (default 512). */
  readonly priorSamples?: number;
}

/** What one readback reports; the terms are per data point, in nats. */
export interface VaeState {
  readonly step: number;
  /** Completed passes over the data (step / batches per epoch). */
  readonly epoch: number;
  /** Mean over the steps since the last readback of the minibatch estimate of E_q ln p(x|z). */
  readonly reconstruction: number;
  /** Mean over the same steps of KL(q(z|x) || N(0, I)), exact per point. */
  readonly kl: number;
  readonly elbo: number;
  /** The decoder's noise standard deviations s (one per data coordinate). */
  readonly decoderSd: readonly number[];
  /** Encoder means mu(x) of every data point, n x latentDim, row-major. */
  readonly latentMeans: Float32Array;
  /** Reconstructions f(mu(x)), n x 2. */
  readonly reconstructions: Float32Array;
  /** Samples x = f(z) + s * e with z ~ N(0, I), e ~ N(0, I) (fixed draws), priorSamples x 2. */
  readonly samples: Float32Array;
  /** For a 1-D latent: f(z) along z in [-3, 3] (CURVE_POINTS x 2), the decoder's curve; else empty. */
  readonly curve: Float32Array;
}

const CURVE_POINTS = 61;

interface Dense {
  readonly weights: TfCore.Variable;
  readonly bias: TfCore.Variable;
}

/** Glorot-uniform weights and zero biases, from a seeded generator (no tfjs randomness at init). */
function denseLayer(tf: Tf, rng: () => number, inputs: number, outputs: number): Dense {
  const limit = Math.sqrt(6 / (inputs + outputs));
  const values = Float32Array.from({ length: inputs * outputs }, () => (2 * rng() - 1) * limit);
  return tf.tidy(() => ({
    weights: tf.variable(tf.tensor2d(values, [inputs, outputs], 'float32')),
    bias: tf.variable(tf.zeros([outputs], 'float32')),
  }));
}

/** Applies dense layers with tanh between them (none after the last). */
function forward(tf: Tf, layers: readonly Dense[], input: TfCore.Tensor2D): TfCore.Tensor2D {
  let out = input;
  layers.forEach((layer, i) => {
    out = tf.add(tf.matMul(out, layer.weights), layer.bias);
    if (i < layers.length - 1) out = tf.tanh(out);
  });
  return out;
}

/** Rows of `points` (n x 2) in a seeded random order, so that fixed minibatch slices mix the shape. */
function shuffledRows(points: Float32Array, seed: number): Float32Array {
  const n = points.length / DATA_DIM;
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out = new Float32Array(points.length);
  order.forEach((from, to) => {
    out[DATA_DIM * to] = points[DATA_DIM * from]!;
    out[DATA_DIM * to + 1] = points[DATA_DIM * from + 1]!;
  });
  return out;
}

/** A VAE in training; owns its tensors until `dispose`. */
export class Vae {
  readonly latentDim: number;
  readonly batchesPerEpoch: number;
  private readonly data: TfCore.Tensor2D;
  private readonly trainData: TfCore.Tensor2D;
  private readonly encoder: Dense[];
  private readonly decoder: Dense[];
  private readonly logDecoderSd: TfCore.Variable;
  private readonly priorZ: TfCore.Tensor2D;
  private readonly priorNoise: TfCore.Tensor2D;
  private readonly curveZ: TfCore.Tensor2D | undefined;
  private readonly optimizer: TfCore.Optimizer;
  private readonly batchSize: number;
  private readonly noiseSeed: number;
  private sums: TfCore.Tensor1D;
  private summed = 0;
  private steps = 0;

  constructor(private readonly tf: Tf, options: VaeOptions) {
    const { points, latentDim, hidden, batchSize, seed } = options;
    const n = points.length / DATA_DIM;
    if (!Number.isInteger(n) || n < batchSize || n % batchSize !== 0) {
      throw new RangeError(`Need a whole number of minibatches: ${n} points, batch ${batchSize}.`);
    }
    if (!(latentDim >= 1) || !Number.isInteger(latentDim)) throw new RangeError(`The latent dimension must be a whole number >= 1, got ${latentDim}.`);
    this.latentDim = latentDim;
    this.batchSize = batchSize;
    this.batchesPerEpoch = n / batchSize;
    this.noiseSeed = seed * 100_003;
    const rng = createRng(seed);
    const widths = (input: number, output: number) => [input, ...hidden, output];
    const layersOf = (sizes: number[]) => sizes.slice(1).map((size, i) => denseLayer(tf, rng, sizes[i]!, size));
    // The encoder outputs (mu, ln sigma) side by side.
    this.encoder = layersOf(widths(DATA_DIM, 2 * latentDim));
    this.decoder = layersOf(widths(latentDim, DATA_DIM));
    this.logDecoderSd = tf.tidy(() => tf.variable(tf.fill([DATA_DIM], Math.log(0.5), 'float32')));
    this.data = tf.tensor2d(points, [n, DATA_DIM], 'float32');
    this.trainData = tf.tensor2d(shuffledRows(points, seed + 1), [n, DATA_DIM], 'float32');
    const count = options.priorSamples ?? 512;
    this.priorZ = tf.tensor2d(standardNormals(createRng(seed + 2), count * latentDim), [count, latentDim], 'float32');
    this.priorNoise = tf.tensor2d(standardNormals(createRng(seed + 3), count * DATA_DIM), [count, DATA_DIM], 'float32');
    this.curveZ = latentDim === 1
      ? tf.tensor2d(Float32Array.from({ length: CURVE_POINTS }, (_, i) => -3 + (6 * i) / (CURVE_POINTS - 1)), [CURVE_POINTS, 1], 'float32')
      : undefined;
    this.optimizer = tf.train.adam(options.learningRate);
    this.sums = tf.zeros([2], 'float32');
  }

  /** Every trainable variable, listed so Adam never looks at other islands' variables. */
  private variables(): TfCore.Variable[] {
    return [...this.encoder, ...this.decoder].flatMap((layer) => [layer.weights, layer.bias]).concat(this.logDecoderSd);
  }

  /** mu(x) and ln sigma(x), each rows x latentDim. */
  private encode(x: TfCore.Tensor2D): { mean: TfCore.Tensor2D; logSd: TfCore.Tensor2D } {
    const { tf, latentDim } = this;
    const out = forward(tf, this.encoder, x);
    const [mean, logSd] = tf.split(out, [latentDim, latentDim], 1) as [TfCore.Tensor2D, TfCore.Tensor2D];
    return { mean, logSd };
  }

  private decode(z: TfCore.Tensor2D): TfCore.Tensor2D {
    return forward(this.tf, this.decoder, z);
  }

  /**
   * Per-point means of the two ELBO terms on the rows of x with noise eps (rows x latentDim):
   * reconstruction ln N(x; f(mu + sigma eps), diag s^2) and KL = (1/2) sum (sigma^2 + mu^2 - 1 - 2 ln sigma).
   */
  terms(x: TfCore.Tensor2D, eps: TfCore.Tensor2D): { reconstruction: TfCore.Scalar; kl: TfCore.Scalar } {
    const { tf } = this;
    const { mean, logSd } = this.encode(x);
    const z = tf.add(mean, tf.mul(tf.exp(logSd), eps)) as TfCore.Tensor2D;
    const standardised = tf.div(tf.sub(x, this.decode(z)), tf.exp(this.logDecoderSd));
    const logLikelihood = tf.sum(tf.neg(tf.add(tf.add(tf.mul(0.5, tf.square(standardised)), this.logDecoderSd), HALF_LOG_TWO_PI)), 1);
    const kl = tf.sum(tf.mul(0.5, tf.sub(tf.add(tf.exp(tf.mul(2, logSd)), tf.square(mean)), tf.add(1, tf.mul(2, logSd)))), 1);
    return { reconstruction: tf.mean(logLikelihood) as TfCore.Scalar, kl: tf.mean(kl) as TfCore.Scalar };
  }

  /** One Adam step on the next minibatch; returns [reconstruction, kl] of that batch (kept). */
  private trainStep(): TfCore.Tensor1D {
    const { tf } = this;
    const batch = this.steps % this.batchesPerEpoch;
    return tf.tidy(() => {
      const x = tf.slice(this.trainData, [batch * this.batchSize, 0], [this.batchSize, DATA_DIM]);
      const eps = tf.randomNormal([this.batchSize, this.latentDim], 0, 1, 'float32', this.noiseSeed + this.steps) as TfCore.Tensor2D;
      let pair: TfCore.Tensor1D | undefined;
      this.optimizer.minimize(() => {
        const { reconstruction, kl } = this.terms(x, eps);
        pair = tf.keep(tf.stack([reconstruction, kl]) as TfCore.Tensor1D);
        return tf.neg(tf.sub(reconstruction, kl)) as TfCore.Scalar;
      }, false, this.variables());
      return pair!;
    });
  }

  /**
   * Runs `steps` Adam steps (one minibatch each), then reads back once: the mean ELBO terms over
   * those steps (or, for 0 steps, one estimate on the whole data set) and the views of the model.
   */
  async step(steps: number): Promise<VaeState> {
    const { tf } = this;
    for (let i = 0; i < steps; i += 1) {
      const pair = this.trainStep();
      const next = tf.add(this.sums, pair) as TfCore.Tensor1D;
      pair.dispose();
      this.sums.dispose();
      this.sums = next;
      this.summed += 1;
      this.steps += 1;
    }
    const n = this.data.shape[0];
    const count = this.priorZ.shape[0];
    const packed = tf.tidy(() => {
      let averages: TfCore.Tensor1D;
      if (this.summed > 0) {
        averages = tf.div(this.sums, this.summed);
      } else {
        const eps = tf.randomNormal([n, this.latentDim], 0, 1, 'float32', this.noiseSeed - 1) as TfCore.Tensor2D;
        const { reconstruction, kl } = this.terms(this.data, eps);
        averages = tf.stack([reconstruction, kl]) as TfCore.Tensor1D;
      }
      const { mean } = this.encode(this.data);
      const samples = tf.add(this.decode(this.priorZ), tf.mul(this.priorNoise, tf.exp(this.logDecoderSd)));
      const flat = (t: TfCore.Tensor) => tf.reshape(t, [-1]);
      const parts = [averages, tf.exp(this.logDecoderSd), flat(mean), flat(this.decode(mean)), flat(samples)];
      if (this.curveZ) parts.push(flat(this.decode(this.curveZ)));
      return tf.concat(parts);
    });
    this.sums.dispose();
    this.sums = tf.zeros([2], 'float32');
    this.summed = 0;
    const values = (await packed.data()) as Float32Array;
    packed.dispose();
    const [reconstruction, kl, sd0, sd1] = values;
    let offset = 4;
    const take = (length: number) => values.slice(offset, (offset += length));
    const latentMeans = take(n * this.latentDim);
    const reconstructions = take(n * DATA_DIM);
    const samples = take(count * DATA_DIM);
    const curve = this.curveZ ? take(CURVE_POINTS * DATA_DIM) : new Float32Array(0);
    return {
      step: this.steps,
      epoch: this.steps / this.batchesPerEpoch,
      reconstruction: reconstruction!,
      kl: kl!,
      elbo: reconstruction! - kl!,
      decoderSd: [sd0!, sd1!],
      latentMeans,
      reconstructions,
      samples,
      curve,
    };
  }

  /**
   * The per-point ELBO terms on `points` averaged over `draws` independent z per point (for tests and
   * checks, not the training loop), read back once.
   */
  async estimateTerms(points: Float32Array, draws: number, seed: number): Promise<{ reconstruction: number; kl: number }> {
    const { tf } = this;
    const n = points.length / DATA_DIM;
    const packed = tf.tidy(() => {
      const x = tf.tile(tf.tensor2d(points, [n, DATA_DIM], 'float32'), [draws, 1]) as TfCore.Tensor2D;
      const eps = tf.randomNormal([n * draws, this.latentDim], 0, 1, 'float32', seed) as TfCore.Tensor2D;
      const { reconstruction, kl } = this.terms(x, eps);
      return tf.stack([reconstruction, kl]);
    });
    const [reconstruction, kl] = await packed.data();
    packed.dispose();
    return { reconstruction: reconstruction!, kl: kl! };
  }

  /** The weights, read back for tests: encoder and decoder layers as {weights (in x out, row-major), bias}, and ln s. */
  async parameters(): Promise<{ encoder: { weights: Float32Array; bias: Float32Array }[]; decoder: { weights: Float32Array; bias: Float32Array }[]; logDecoderSd: Float32Array }> {
    const read = async (layers: Dense[]) => Promise.all(layers.map(async (layer) => ({
      weights: (await layer.weights.data()) as Float32Array,
      bias: (await layer.bias.data()) as Float32Array,
    })));
    return { encoder: await read(this.encoder), decoder: await read(this.decoder), logDecoderSd: (await this.logDecoderSd.data()) as Float32Array };
  }

  dispose(): void {
    for (const layer of [...this.encoder, ...this.decoder]) {
      layer.weights.dispose();
      layer.bias.dispose();
    }
    this.logDecoderSd.dispose();
    this.data.dispose();
    this.trainData.dispose();
    this.priorZ.dispose();
    this.priorNoise.dispose();
    this.curveZ?.dispose();
    this.sums.dispose();
    this.optimizer.dispose();
  }
}
