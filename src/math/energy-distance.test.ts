import { describe, expect, it } from 'vitest';
import { energyDistance2d } from './energy-distance';
import { sampleMixture2d, sampleToyData } from './toy-data-2d';

describe('energyDistance2d', () => {
  it('energyDistance2d(x, x) is 0 for identical samples', () => {
    const x = sampleToyData('moons', 1, 300);
    expect(energyDistance2d(x, x)).toBe(0);
  });

  it('matches a hand computation for one point against one point: 2|x - y|', () => {
    expect(energyDistance2d([0, 0], [3, 4])).toBeCloseTo(10, 12);
  });

  it('is positive for different distributions and far above the two-sample floor', () => {
    const moons = sampleToyData('moons', 1, 400);
    const roll = sampleToyData('swiss-roll', 2, 400);
    const fresh = sampleToyData('moons', 3, 400);
    const floor = energyDistance2d(moons, fresh);
    const apart = energyDistance2d(moons, roll);
    expect(floor).toBeGreaterThan(0);
    expect(apart).toBeGreaterThan(10 * floor);
  });

  it('grows with a shift of one sample', () => {
    const x = sampleMixture2d(4, 300, { weights: [1], means: [[0, 0]], stdDevs: [1] });
    const shifted = (d: number) => x.map((v, i) => (i % 2 === 0 ? v + d : v));
    expect(energyDistance2d(x, shifted(0.5))).toBeLessThan(energyDistance2d(x, shifted(1)));
  });

  it('refuses an empty sample', () => {
    expect(() => energyDistance2d([], [0, 0])).toThrow(RangeError);
  });
});
