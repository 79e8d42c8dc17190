/**
 * Three samplers of the variance-preserving diffusion in 1-D, run with the exact score of a Gaussian
 * mixture (Song et al. 2021, "score SDE", sec. 3 and app. B). The continuous schedule is
 * beta(u) = beta_min + u (beta_max - beta_min) for u in [0, 1], so abar(u) = exp(-(beta_min u + (beta_max - beta_min) u^2 / 2)),
 * and each sampler takes N steps on the grid u_i = i/N from u_N = 1 (start: x ~ N(0, 1)) down to u_0 = 0:
 * - ancestral (DDPM): x_{i-1} = (x_i + beta_i s(x_i)) / sqrt(alpha_i) + sqrt(beta-tilde_i) z with
 *   alpha_i = abar(u_i)/abar(u_{i-1}), beta_i = 1 - alpha_i (Ho et al. 2020, alg. 2, eps written as -sigma s);
 * - reverse-time SDE, Euler-Maruyama: dx = [-beta x/2 - beta s] du + sqrt(beta) dw-bar, stepped backwards;
 * - probability-flow ODE, Euler: dx/du = -beta (x + s) / 2, deterministic (same marginals as the SDE).
 */
import { noisedMixture, mixtureScore } from './diffusion';
import { energyDistance1d } from './energy-distance-1d';
import { sampleMixture, type GaussianMixture } from './mixture';
import { createRng, standardNormals } from './random';

export type SamplerKind = 'ancestral' | 'sde' | 'ode';
export const SAMPLER_KINDS: readonly SamplerKind[] = ['ancestral', 'sde', 'ode'];

/** The continuous VP schedule beta(u), u in [0, 1]. */
export interface VpSchedule {
  readonly betaMin: number;
  readonly betaMax: number;
}

/** Song et al.'s (2021) defaults beta_min = 0.1, beta_max = 20. */
export const DEFAULT_VP_SCHEDULE: VpSchedule = { betaMin: 0.1, betaMax: 20 };

/** beta(u) = beta_min + u (beta_max - beta_min). */
export function vpBeta(schedule: VpSchedule, u: number): number {
  return schedule.betaMin + u * (schedule.betaMax - schedule.betaMin);
}

/** abar(u) = exp(-int_0^u beta) = exp(-(beta_min u + (beta_max - beta_min) u^2 / 2)). */
export function vpAlphaBar(schedule: VpSchedule, u: number): number {
  return Math.exp(-(schedule.betaMin * u + 0.5 * (schedule.betaMax - schedule.betaMin) * u * u));
}

/** The exact score of q_u = the mixture noised to time u. */
export function vpMixtureScore(mixture: GaussianMixture, schedule: VpSchedule, u: number, x: number): number {
  return mixtureScore(noisedMixture(mixture, vpAlphaBar(schedule, u)), x);
}

/** Options of one sampling run: `particles` draws, `steps` >= 1 steps, seeded noise. */
export interface SamplerOptions {
  readonly kind: SamplerKind;
  readonly steps: number;
  readonly particles: number;
  readonly seed: number;
  readonly schedule?: VpSchedule;
}

/** Runs one sampler with the exact mixture score; returns the particles at u = 0 (float64). */
export function sampleDiffusion(mixture: GaussianMixture, options: SamplerOptions): Float64Array {
  const { kind, steps, particles, seed } = options;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`The number of steps must be a whole number >= 1, got ${steps}.`);
  const schedule = options.schedule ?? DEFAULT_VP_SCHEDULE;
  const rng = createRng(seed);
  const x = Float64Array.from(standardNormals(rng, particles));
  const du = 1 / steps;
  for (let i = steps; i >= 1; i--) {
    const u = i * du;
    const noised = noisedMixture(mixture, vpAlphaBar(schedule, u));
    const z = kind === 'ode' ? undefined : standardNormals(rng, particles);
    if (kind === 'ancestral') {
      const abarNow = vpAlphaBar(schedule, u);
      const abarPrev = vpAlphaBar(schedule, u - du);
      const alpha = abarNow / abarPrev;
      const beta = 1 - alpha;
      const noiseSd = Math.sqrt(((1 - abarPrev) * beta) / (1 - abarNow));
      for (let p = 0; p < particles; p++) {
        x[p] = (x[p]! + beta * mixtureScore(noised, x[p]!)) / Math.sqrt(alpha) + noiseSd * z![p]!;
      }
    } else {
      const beta = vpBeta(schedule, u);
      for (let p = 0; p < particles; p++) {
        const score = mixtureScore(noised, x[p]!);
        x[p] = kind === 'sde'
          ? x[p]! + (0.5 * beta * x[p]! + beta * score) * du + Math.sqrt(beta * du) * z![p]!
          : x[p]! + 0.5 * beta * (x[p]! + score) * du;
      }
    }
  }
  return x;
}

/**
 * The typical energy distance between two independent exact samples of `size` draws from the mixture:
 * the mean over `pairs` seeded pairs. A sampler cannot be told apart from exact sampling below it.
 */
export function exactSampleDistance(mixture: GaussianMixture, size: number, seed: number, pairs = 8): number {
  let total = 0;
  for (let j = 0; j < pairs; j++) {
    total += energyDistance1d(sampleMixture(5000 + 2 * j + 100 * seed, size, mixture), sampleMixture(5001 + 2 * j + 100 * seed, size, mixture));
  }
  return total / pairs;
}
