/**
 * Langevin sampling of a 1-D Gaussian mixture with its exact score, plain and annealed (Song &
 * Ermon 2019, Algorithm 1). The noised target p_sigma = p * N(0, sigma^2) is again a mixture with
 * variances s_k^2 + sigma^2, so its score is exact at every noise level:
 *   grad log p_sigma(x) = sum_k r_k(x) (m_k - x) / (s_k^2 + sigma^2),  r = softmax_k(ln w_k + ln N(x; m_k, s_k^2 + sigma^2)).
 * Update: x <- x + (alpha/2) grad log p_sigma(x) + sqrt(alpha) z, alpha = eps sigma^2 / sigma_min^2.
 * Particles stay on the device between steps; only what is drawn is read back (LangevinSampler).
 */
import type { GaussianMixture } from '../math/mixture';
import type { ParticleSummary, SummaryLayout } from '../math/particle-summary';
import { MAX_FUSED_COMPONENTS, langevinPath, langevinUpdate, mixtureLangevinSteps, summariseOnDevice, verifyFusedKernels } from '../tensor/langevin-kernels';
import type { LangevinPath } from '../tensor/langevin-kernels';
import type { Tensor, Tf } from '../tensor/tf';

/** A geometric ladder of `levels` noise scales from `largest` down to `smallest`. */
export function geometricSigmas(largest: number, smallest: number, levels: number): number[] {
  if (levels === 1) return [smallest];
  const ratio = (smallest / largest) ** (1 / (levels - 1));
  return Array.from({ length: levels }, (_, i) => largest * ratio ** i);
}

export interface LangevinSchedule {
  /** Noise levels, largest first; plain Langevin is one level, the smallest. */
  readonly sigmas: readonly number[];
  readonly stepsPerLevel: number;
  /** eps: the step size at the smallest sigma; alpha_i = eps sigma_i^2 / sigma_min^2. */
  readonly stepSize: number;
}

export interface LangevinProgress {
  readonly level: number;
  readonly step: number;
  readonly sigma: number;
  readonly done: boolean;
  /** Steps taken so far and in the whole schedule. */
  readonly stepsDone: number;
  readonly totalSteps: number;
  /** Histogram, share below the threshold, mean and variance of the particles now. */
  readonly summary: ParticleSummary;
  /** Every particle, read back only when the schedule is done or when asked. */
  readonly particles?: Float32Array;
  /** Which path moved the particles: fused WGSL kernels or tfjs ops. */
  readonly path: LangevinPath;
}

/** Per-level constants of p_sigma: means, inverse variances and log normalisers per component. */
export interface NoisedMixtureConstants {
  readonly means: readonly number[];
  readonly inverseVar: readonly number[];
  readonly logNormaliser: readonly number[];
}

/** The constants of p_sigma = sum_k w_k N(m_k, s_k^2 + sigma^2). */
export function noisedMixtureConstants(mixture: GaussianMixture, sigma: number): NoisedMixtureConstants {
  const variances = mixture.stdDevs.map((s) => s * s + sigma * sigma);
  return {
    means: mixture.means,
    inverseVar: variances.map((v) => 1 / v),
    logNormaliser: mixture.weights.map((w, k) => Math.log(w) - 0.5 * Math.log(2 * Math.PI * variances[k])),
  };
}

/**
 * The score of p_sigma at x (shape [n]), exact for a Gaussian mixture. Components are looped in
 * JavaScript so every op is elementwise on [n]: a reduction over a short axis of an [n, K] tensor
 * launches one workgroup per row on WebGPU and was 50 times slower here.
 */
export function noisedMixtureScore(tf: Tf, x: Tensor, constants: NoisedMixtureConstants): Tensor {
  return tf.tidy(() => {
    const k = constants.means.length;
    const centred = constants.means.map((mean) => tf.sub(mean, x));
    const logits = centred.map((c, j) => tf.sub(constants.logNormaliser[j], tf.mul(0.5 * constants.inverseVar[j], tf.square(c))));
    let largest = logits[0];
    for (let j = 1; j < k; j += 1) largest = tf.maximum(largest, logits[j]);
    const weights = logits.map((logit) => tf.exp(tf.sub(logit, largest)));
    let numerator = tf.mul(weights[0], tf.mul(centred[0], constants.inverseVar[0]));
    let denominator = weights[0];
    for (let j = 1; j < k; j += 1) {
      numerator = tf.add(numerator, tf.mul(weights[j], tf.mul(centred[j], constants.inverseVar[j])));
      denominator = tf.add(denominator, weights[j]);
    }
    return tf.div(numerator, denominator);
  });
}

export interface LangevinOptions {
  /** What `advance` summarises (histogram range, bins, threshold); by default 80 bins over the initial range, threshold 0. */
  readonly summary?: SummaryLayout;
  /** Force a path (tests, benchmarks); by default the fused kernels on WebGPU and tfjs ops elsewhere. */
  readonly path?: LangevinPath;
  /** Most steps per dispatch on the fused path (the particles stay in registers between them). */
  readonly stepsPerDispatch?: number;
}

/**
 * A particle system on the device; call `advance` repeatedly, `dispose` when done. On WebGPU one
 * fused WGSL kernel does several whole steps (score, Philox normals, update) per dispatch and a
 * second one reduces the particles to the summary, so only bins + 5 floats come back per frame; on
 * webgl and cpu the same maths runs as tfjs ops with tf.randomNormal and the particles are read
 * back. On the fused path step t of the schedule draws its noise as Philox step t (src/math/philox.ts),
 * on the op path with tf.randomNormal seeded by (seed, t).
 */
export class LangevinSampler {
  private particles: Tensor;
  private level = 0;
  private step = 0;
  private readonly constants: NoisedMixtureConstants[];
  private currentPath: LangevinPath;
  private readonly layout: SummaryLayout;
  private readonly stepsPerDispatch: number;

  constructor(
    private readonly tf: Tf,
    mixture: GaussianMixture,
    private readonly schedule: LangevinSchedule,
    initial: Float32Array,
    private readonly seed: number,
    options: LangevinOptions = {},
  ) {
    const wanted = options.path ?? langevinPath(tf);
    this.currentPath = wanted === 'fused' && langevinPath(tf) === 'fused' && mixture.means.length <= MAX_FUSED_COMPONENTS ? wanted : 'ops';
    this.layout = options.summary ?? defaultLayout(initial);
    this.stepsPerDispatch = options.stepsPerDispatch ?? 50;
    this.particles = tf.tensor1d(initial, 'float32');
    this.constants = schedule.sigmas.map((sigma) => noisedMixtureConstants(mixture, sigma));
  }

  /** The path that moves the particles; "fused" can turn into "ops" if the kernels fail their first check. */
  get path(): LangevinPath {
    return this.currentPath;
  }

  get finished(): boolean {
    return this.level >= this.schedule.sigmas.length;
  }

  private get stepsDone(): number {
    return this.level * this.schedule.stepsPerLevel + this.step;
  }

  /** Moves the particles by `count` steps, all at the current noise level. */
  private move(count: number, alpha: number): void {
    const { tf } = this;
    const constants = this.constants[this.level];
    let next: Tensor;
    if (this.path === 'fused') {
      next = mixtureLangevinSteps(tf, this.particles, constants, alpha, this.seed, this.stepsDone, count);
    } else {
      next = this.particles;
      for (let j = 0; j < count; j += 1) {
        const previous = next;
        next = tf.tidy(() => langevinUpdate(tf, previous, noisedMixtureScore(tf, previous, constants), alpha, this.seed, this.stepsDone + j, { path: 'ops' }));
        if (previous !== this.particles) previous.dispose();
      }
    }
    this.particles.dispose();
    this.particles = next;
  }

  /**
   * Runs up to `steps` Langevin steps along the schedule, then reads back once: the summary of the
   * particles, and all particles when the schedule is done (or `readParticles` asks for them).
   */
  async advance(steps: number, readParticles = false): Promise<LangevinProgress> {
    const { schedule } = this;
    // The first fused run proves the kernels on this GPU; if they fail, the same steps run as tfjs ops.
    if (this.currentPath === 'fused' && !(await verifyFusedKernels(this.tf))) this.currentPath = 'ops';
    const sigmaMin = schedule.sigmas[schedule.sigmas.length - 1];
    let left = steps;
    while (left > 0 && !this.finished) {
      const sigma = schedule.sigmas[this.level];
      const alpha = (schedule.stepSize * sigma * sigma) / (sigmaMin * sigmaMin);
      const count = Math.min(left, schedule.stepsPerLevel - this.step, this.path === 'fused' ? this.stepsPerDispatch : left);
      this.move(count, alpha);
      left -= count;
      this.step += count;
      if (this.step >= schedule.stepsPerLevel) {
        this.step = 0;
        this.level += 1;
      }
    }
    const { summary, particles } = await summariseOnDevice(this.tf, this.particles, this.layout, this.path);
    const all = particles ?? (this.finished || readParticles ? ((await this.particles.data()) as Float32Array) : undefined);
    const level = Math.min(this.level, schedule.sigmas.length - 1);
    return {
      level,
      step: this.step,
      sigma: schedule.sigmas[level],
      done: this.finished,
      stepsDone: this.stepsDone,
      totalSteps: schedule.sigmas.length * schedule.stepsPerLevel,
      summary,
      particles: all,
      path: this.path,
    };
  }

  dispose(): void {
    this.particles.dispose();
  }
}

/** 80 bins over the range of the initial particles, counting those below 0. */
function defaultLayout(initial: Float32Array): SummaryLayout {
  let lower = Infinity;
  let upper = -Infinity;
  for (const x of initial) {
    lower = Math.min(lower, x);
    upper = Math.max(upper, x);
  }
  if (!(upper > lower)) [lower, upper] = [lower - 1, lower + 1];
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) [lower, upper] = [-1, 1];
  return { lower, upper, bins: 80, threshold: 0, centre: 0 };
}

/** The share of particles left of `threshold` (which mode they ended in). */
export function fractionBelow(values: ArrayLike<number>, threshold: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i += 1) if (values[i] < threshold) count += 1;
  return values.length === 0 ? 0 : count / values.length;
}

/** 1-D Wasserstein-1 distance between two equal-size samples: mean |sorted a - sorted b|. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError('wasserstein1 needs two samples of the same, positive size');
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  let total = 0;
  for (let i = 0; i < sa.length; i += 1) total += Math.abs(sa[i] - sb[i]);
  return total / sa.length;
}
