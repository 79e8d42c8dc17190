import { describe, expect, it } from 'vitest';
import { fitReverseKl } from './reverse-kl-fit';
import { cpuTf } from '../tensor/node-cpu';
import { reverseKlFit } from '../math/gaussian-fit';
import { twoComponentMixture } from '../math/mixture';

describe('fitReverseKl', () => {
  it('finds one mode from each start (mode seeking) and agrees with the float64 Nelder-Mead fit', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const mixture = twoComponentMixture(6, 0.5, 1);
    const [left, right] = await fitReverseKl(tf, mixture, [{ mean: -3, stdDev: 1 }, { mean: 3, stdDev: 1 }], { iterations: 600 });
    const reference = reverseKlFit(mixture, { mean: 3, stdDev: 1 });
    expect(right.mean).toBeCloseTo(reference.mean, 2);
    expect(right.stdDev).toBeCloseTo(reference.stdDev, 2);
    expect(right.kl).toBeCloseTo(reference.kl, 3);
    expect(left.mean).toBeCloseTo(-reference.mean, 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('klBothDirections', () => {
  it('matches the Gaussian closed form when the mixture has one component', async () => {
    const { klBothDirections } = await import('./reverse-kl-fit');
    const { gaussianKl } = await import('../math/gaussian');
    const tf = await cpuTf();
    const p = { weights: [1], means: [0.5], stdDevs: [1.2] };
    const { forward, reverse } = await klBothDirections(tf, p, [{ mean: -1, stdDev: 0.8 }], [-15, 15]);
    expect(forward[0]).toBeCloseTo(gaussianKl(0.5, 1.2, -1, 0.8), 4);
    expect(reverse[0]).toBeCloseTo(gaussianKl(-1, 0.8, 0.5, 1.2), 4);
  });
});
