/**
 * Annealed (or plain) Langevin dynamics of N particles in 2-D with any score function s(x, sigma),
 * e.g. a learned score network (Song & Ermon 2019, Algorithm 1):
 *   for sigma_i in sigma_1 > ... > sigma_L: alpha_i = eps sigma_i^2 / sigma_L^2;
 *     repeat T times: x <- x + (alpha_i/2) s(x, sigma_i) + sqrt(alpha_i) z.
 * Plain Langevin is the one-level schedule [sigma_L]. The particles stay on the device between steps;
 * each `step(n)` reads back only the first `drawn` particles, the ones the page draws.
 */
import type { LangevinSchedule } from './annealed-langevin';
import { langevinPath, langevinUpdate, verifyFusedKernels } from '../tensor/langevin-kernels';
import type { LangevinPath } from '../tensor/langevin-kernels';
import type { Tensor, Tf } from '../tensor/tf';

/** A score function on particles x [N, 2] at noise level sigma, returning [N, 2]. */
export type ScoreFunction = (x: Tensor, sigma: number) => Tensor;

export interface ParticleProgress {
  readonly level: number;
  readonly sigma: number;
  readonly stepsDone: number;
  readonly totalSteps: number;
  readonly done: boolean;
  /** The first `drawn` particles, interleaved [x1, y1, ...]. */
  readonly particles: Float32Array;
  /** How the update ran: one fused WGSL kernel with GPU random numbers, or tfjs ops. */
  readonly path: LangevinPath;
}

export interface ParticleLangevinOptions {
  /** How many particles each readback returns (the first ones). */
  readonly drawn: number;
  readonly seed: number;
  /** Called once by `dispose`, e.g. to free the score network's weights. */
  readonly release?: () => void;
}

/** A particle system on the device; `step(n)` advances along the schedule; `dispose` frees it. */
export class ParticleLangevin {
  private particles: Tensor;
  private stepsDone = 0;
  private readonly noiseSeed: number;
  private path: LangevinPath;
  private pathChecked = false;
  private disposed = false;
  private readonly count: number;
  private readonly totalSteps: number;

  constructor(
    private readonly tf: Tf,
    private readonly score: ScoreFunction,
    private readonly schedule: LangevinSchedule,
    initial: Float32Array,
    private readonly options: ParticleLangevinOptions,
  ) {
    this.count = Math.floor(initial.length / 2);
    this.particles = tf.tensor2d(initial, [this.count, 2], 'float32');
    this.noiseSeed = options.seed;
    this.path = langevinPath(tf);
    this.totalSteps = schedule.sigmas.length * schedule.stepsPerLevel;
  }

  private levelOf(stepsDone: number): number {
    return Math.min(Math.floor(stepsDone / this.schedule.stepsPerLevel), this.schedule.sigmas.length - 1);
  }

  /** Up to `steps` Langevin steps, then one readback of the drawn particles. */
  async step(steps: number): Promise<ParticleProgress> {
    const { tf, schedule } = this;
    const sigmaMin = schedule.sigmas[schedule.sigmas.length - 1];
    // The fused kernel is used only once it has reproduced its JavaScript reference on this device.
    if (!this.pathChecked) {
      this.pathChecked = true;
      if (this.path === 'fused' && !(await verifyFusedKernels(tf))) this.path = 'ops';
    }
    for (let i = 0; i < steps && this.stepsDone < this.totalSteps; i += 1) {
      const sigma = schedule.sigmas[this.levelOf(this.stepsDone)];
      const alpha = (schedule.stepSize * sigma * sigma) / (sigmaMin * sigmaMin);
      // Noise keyed by (seed, step): every step draws fresh normals, on the GPU on the fused path.
      const next = tf.tidy(() => langevinUpdate(tf, this.particles, this.score(this.particles, sigma), alpha, this.noiseSeed, this.stepsDone, { path: this.path }));
      this.particles.dispose();
      this.particles = next;
      this.stepsDone += 1;
    }
    const drawn = Math.min(this.options.drawn, this.count);
    const head = drawn === this.count ? this.particles : tf.slice(this.particles, [0, 0], [drawn, 2]);
    const particles = (await head.data()) as Float32Array;
    if (head !== this.particles) head.dispose();
    const level = this.levelOf(Math.max(0, this.stepsDone - 1));
    return {
      level,
      sigma: schedule.sigmas[level],
      stepsDone: this.stepsDone,
      totalSteps: this.totalSteps,
      done: this.stepsDone >= this.totalSteps,
      particles,
      path: this.path,
    };
  }

  /** All particles, read back once (for tests and moments). */
  async all(): Promise<Float32Array> {
    return (await this.particles.data()) as Float32Array;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.particles.dispose();
    this.options.release?.();
  }
}
