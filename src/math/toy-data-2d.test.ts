import { describe, expect, it } from 'vitest';
import {
  DRAWN_BANDWIDTH, TOY_MIXTURE, maxPairwiseDistance, modeShares, sampleDrawn, sampleMixture2d, sampleToyData,
} from './toy-data-2d';

function moments(points: Float32Array): { mean: [number, number]; variance: [number, number] } {
  const n = points.length / 2;
  const mean: [number, number] = [0, 0];
  for (let i = 0; i < n; i += 1) {
    mean[0] += points[2 * i] / n;
    mean[1] += points[2 * i + 1] / n;
  }
  const variance: [number, number] = [0, 0];
  for (let i = 0; i < n; i += 1) {
    variance[0] += (points[2 * i] - mean[0]) ** 2 / n;
    variance[1] += (points[2 * i + 1] - mean[1]) ** 2 / n;
  }
  return { mean, variance };
}

describe('toy 2-D data', () => {
  it('sampleToyData(kind, seed, n) is reproducible per seed and finite', () => {
    for (const kind of ['mixture', 'moons', 'swiss-roll'] as const) {
      const a = sampleToyData(kind, 5, 200);
      expect(a).toEqual(sampleToyData(kind, 5, 200));
      expect(a).not.toEqual(sampleToyData(kind, 6, 200));
      expect(a.every(Number.isFinite)).toBe(true);
      expect(Math.max(...a.map(Math.abs))).toBeLessThan(4.5);
    }
  });

  it('the mixture has the declared mode weights (within 4 standard errors)', () => {
    const n = 20_000;
    const shares = modeShares(sampleMixture2d(1, n, TOY_MIXTURE), TOY_MIXTURE.means);
    TOY_MIXTURE.weights.forEach((w, k) => expect(Math.abs(shares[k] - w)).toBeLessThan(4 * Math.sqrt((w * (1 - w)) / n)));
  });

  it('a one-component mixture has mean m and variance s^2 per axis', () => {
    const { mean, variance } = moments(sampleMixture2d(2, 20_000, { weights: [1], means: [[1, -2]], stdDevs: [0.5] }));
    expect(mean[0]).toBeCloseTo(1, 1);
    expect(mean[1]).toBeCloseTo(-2, 1);
    expect(variance[0]).toBeCloseTo(0.25, 1);
    expect(variance[1]).toBeCloseTo(0.25, 1);
  });

  it('the drawn distribution is the drawn point plus N(0, h^2 I) jitter', () => {
    const { mean, variance } = moments(sampleDrawn(3, 20_000, [1, 1]));
    expect(mean[0]).toBeCloseTo(1, 2);
    expect(Math.sqrt(variance[1]) / DRAWN_BANDWIDTH).toBeCloseTo(1, 1);
    expect(() => sampleDrawn(1, 10, [])).toThrow(RangeError);
  });

  it('maxPairwiseDistance of a 3-4-5 triangle is 5', () => {
    expect(maxPairwiseDistance([0, 0, 3, 0, 3, 4])).toBe(5);
  });
});
