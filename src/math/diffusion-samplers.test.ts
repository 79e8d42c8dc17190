import { describe, expect, it } from 'vitest';
import { DEFAULT_VP_SCHEDULE, SAMPLER_KINDS, exactSampleDistance, sampleDiffusion, vpAlphaBar, vpBeta } from './diffusion-samplers';
import { energyDistance1d } from './energy-distance-1d';
import { energyDistance2d } from './energy-distance';
import { sampleMixture, type GaussianMixture } from './mixture';
import { integrate } from './quadrature';

const MIXTURE: GaussianMixture = { weights: [0.3, 0.7], means: [-2, 1.5], stdDevs: [0.4, 0.5] };
const GAUSSIAN: GaussianMixture = { weights: [1], means: [1], stdDevs: [0.5] };

function moments(x: ArrayLike<number>): { mean: number; sd: number } {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]! / x.length;
  let variance = 0;
  for (let i = 0; i < x.length; i++) variance += (x[i]! - mean) ** 2 / x.length;
  return { mean, sd: Math.sqrt(variance) };
}

describe('the VP schedule', () => {
  it('abar(u) = exp(-int_0^u beta) (quadrature), with abar(0) = 1 and abar(1) = e^{-10.05}', () => {
    for (const u of [0.1, 0.5, 1]) {
      expect(vpAlphaBar(DEFAULT_VP_SCHEDULE, u)).toBeCloseTo(Math.exp(-integrate((s) => vpBeta(DEFAULT_VP_SCHEDULE, s), 0, u, 200)), 12);
    }
    expect(vpAlphaBar(DEFAULT_VP_SCHEDULE, 0)).toBe(1);
    expect(vpAlphaBar(DEFAULT_VP_SCHEDULE, 1)).toBeCloseTo(Math.exp(-10.05), 15);
  });
});

describe('energyDistance1d', () => {
  it('equals the 2-D energy distance of the same points on a line', () => {
    const x = sampleMixture(1, 300, MIXTURE);
    const y = sampleMixture(2, 200, GAUSSIAN);
    const onLine = (a: ArrayLike<number>) => Float64Array.from({ length: 2 * a.length }, (_, i) => (i % 2 === 0 ? a[i / 2]! : 0));
    expect(energyDistance1d(x, y)).toBeCloseTo(energyDistance2d(onLine(x), onLine(y)), 10);
    expect(energyDistance1d(x, x)).toBe(0);
    expect(() => energyDistance1d([], y)).toThrow(RangeError);
  });
});

describe('sampleDiffusion with the exact mixture score', () => {
  it('every sampler turns N(0, 1) into N(1, 0.5^2) with 500 steps (mean and sd within 0.03)', () => {
    for (const kind of SAMPLER_KINDS) {
      const { mean, sd } = moments(sampleDiffusion(GAUSSIAN, { kind, steps: 500, particles: 4000, seed: 3 }));
      expect(Math.abs(mean - 1)).toBeLessThan(0.03);
      expect(Math.abs(sd - 0.5)).toBeLessThan(0.03);
    }
  });

  it('more steps bring every sampler closer to the mixture in energy distance (5 vs 200 steps)', () => {
    const heldOut = sampleMixture(99, 2000, MIXTURE);
    for (const kind of SAMPLER_KINDS) {
      const coarse = energyDistance1d(sampleDiffusion(MIXTURE, { kind, steps: 5, particles: 2000, seed: 4 }), heldOut);
      const fine = energyDistance1d(sampleDiffusion(MIXTURE, { kind, steps: 200, particles: 2000, seed: 4 }), heldOut);
      expect(fine).toBeLessThan(coarse);
      expect(fine).toBeLessThan(0.01);
    }
  });

  it('the probability-flow ODE is deterministic: the same start gives the same end, and it is monotone in the start', () => {
    const a = sampleDiffusion(MIXTURE, { kind: 'ode', steps: 100, particles: 500, seed: 8 });
    const b = sampleDiffusion(MIXTURE, { kind: 'ode', steps: 100, particles: 500, seed: 8 });
    expect(Array.from(a)).toEqual(Array.from(b));
    const start = sampleDiffusion(MIXTURE, { kind: 'ode', steps: 100, particles: 500, seed: 8 });
    // A 1-D ODE flow cannot cross paths: the order of the particles is kept.
    const order = (x: Float64Array) => Array.from(x.keys()).sort((i, j) => x[i]! - x[j]!);
    expect(order(start)).toEqual(order(a));
  });

  it('one step gives finite particles for every sampler, and steps < 1 are refused', () => {
    for (const kind of SAMPLER_KINDS) {
      const x = sampleDiffusion(MIXTURE, { kind, steps: 1, particles: 200, seed: 1 });
      expect(x.every(Number.isFinite)).toBe(true);
    }
    expect(() => sampleDiffusion(MIXTURE, { kind: 'ode', steps: 0, particles: 10, seed: 1 })).toThrow(RangeError);
  });
});

describe('exactSampleDistance', () => {
  it('is about (1/n + 1/m) E|X - X\'| for two exact samples, and shrinks like 1/n', () => {
    const small = exactSampleDistance(MIXTURE, 250, 1, 16);
    const large = exactSampleDistance(MIXTURE, 2000, 1, 16);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThan(small / 3);
  });
});
