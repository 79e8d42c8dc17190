import { describe, expect, it } from 'vitest';
import { sampleLabelledMixture, weightedComponentDensity } from './latent-mixture';
import { mixtureLogPdf } from './mixture';

const mixture = { weights: [0.2, 0, 0.8], means: [-5, 0, 5], stdDevs: [0.5, 1, 0.5] };

describe('sampleLabelledMixture', () => {
  it('is deterministic per seed, never draws a zero-weight component, and labels match the draws', () => {
    const a = sampleLabelledMixture(4, 2000, mixture);
    expect(sampleLabelledMixture(4, 2000, mixture)).toEqual(a);
    expect(a.z.includes(1)).toBe(false);
    a.x.forEach((x, i) => expect(Math.sign(x)).toBe(a.z[i] === 0 ? -1 : 1));
  });

  it('draws each component with frequency pi_k (within 4 standard errors)', () => {
    const n = 20_000;
    const { z } = sampleLabelledMixture(7, n, mixture);
    const share = z.filter((k) => k === 0).length / n;
    expect(Math.abs(share - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / n));
  });

  it('refuses all-zero weights', () => {
    expect(() => sampleLabelledMixture(1, 10, { weights: [0, 0], means: [0, 1], stdDevs: [1, 1] })).toThrow(RangeError);
  });
});

describe('weightedComponentDensity', () => {
  it('the weighted component curves add up to the mixture density', () => {
    const mixture = { weights: [0.7, 1.4, 0.9], means: [-2, 0, 3], stdDevs: [0.8, 1, 0.6] };
    for (const x of [-4, -1.3, 0, 2.2, 5]) {
      const sum = [0, 1, 2].reduce((s, k) => s + weightedComponentDensity(mixture, k, x), 0);
      expect(sum).toBeCloseTo(Math.exp(mixtureLogPdf(mixture, x)), 12);
    }
  });
});
