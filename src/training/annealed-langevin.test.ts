import { describe, expect, it } from 'vitest';
import { LangevinSampler, fractionBelow, geometricSigmas, noisedMixtureConstants, noisedMixtureScore, wasserstein1 } from './annealed-langevin';
import { cpuTf } from '../tensor/node-cpu';
import { createRng } from '../math/random';
import { mixtureLogPdf, sampleMixture, twoComponentMixture } from '../math/mixture';

const TARGET = { weights: [0.8, 0.2], means: [-4, 4], stdDevs: [0.5, 0.5] };

function uniformStart(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => -8 + 16 * rng());
}

describe('noisedMixtureScore', () => {
  it('matches the finite-difference slope of ln p_sigma, the mixture with inflated variances', async () => {
    const tf = await cpuTf();
    const sigma = 0.7;
    const noised = { ...TARGET, stdDevs: TARGET.stdDevs.map((s) => Math.sqrt(s * s + sigma * sigma)) };
    const xs = [-5, -1.2, 0, 0.3, 3.9];
    const constants = noisedMixtureConstants(TARGET, sigma);
    const x = tf.tensor1d(xs);
    const score = noisedMixtureScore(tf, x, constants);
    const values = await score.data();
    [score, x].forEach((t) => t.dispose());
    xs.forEach((x, i) => {
      const h = 1e-5;
      const slope = (mixtureLogPdf(noised, x + h) - mixtureLogPdf(noised, x - h)) / (2 * h);
      expect(values[i]).toBeCloseTo(slope, 3);
    });
  });
});

describe('geometricSigmas', () => {
  it('runs from the largest to the smallest with a constant ratio', () => {
    const sigmas = geometricSigmas(10, 0.1, 5);
    expect(sigmas[0]).toBe(10);
    expect(sigmas[4]).toBeCloseTo(0.1, 12);
    expect(sigmas[1] / sigmas[0]).toBeCloseTo(sigmas[4] / sigmas[3], 12);
  });
});

describe('Langevin sampling with the exact score', () => {
  it('annealing recovers the 0.8 / 0.2 mode weights; plain Langevin from a uniform start does not', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const n = 2000;
    const annealed = new LangevinSampler(tf, TARGET, { sigmas: geometricSigmas(8, 0.1, 10), stepsPerLevel: 40, stepSize: 0.002 }, uniformStart(n, 1), 5);
    let a = await annealed.advance(10_000);
    annealed.dispose();
    const plain = new LangevinSampler(tf, TARGET, { sigmas: [0.1], stepsPerLevel: 400, stepSize: 0.002 }, uniformStart(n, 1), 5);
    const p = await plain.advance(10_000);
    plain.dispose();
    expect(a.done).toBe(true);
    expect(Math.abs(fractionBelow(a.particles!, 0) - 0.8)).toBeLessThan(0.05);
    expect(Math.abs(fractionBelow(p.particles!, 0) - 0.5)).toBeLessThan(0.06);
    const exact = sampleMixture(9, n, TARGET);
    expect(wasserstein1(a.particles!, exact)).toBeLessThan(wasserstein1(p.particles!, exact));
    expect(a.path).toBe('ops');
    expect(a.summary.below / n).toBeCloseTo(fractionBelow(a.particles!, 0), 12);
    expect(tf.memory().numTensors).toBe(before);
    a = undefined as never;
  });
});

describe('wasserstein1', () => {
  it('is the shift between a sample and its translate', () => {
    const sample = sampleMixture(2, 500, twoComponentMixture(2, 0.5, 1));
    expect(wasserstein1(sample, sample.map((x) => x + 0.25))).toBeCloseTo(0.25, 5);
  });
});
