import { describe, expect, it } from 'vitest';
import { TOY_DATA_NAMES, toyData } from './toy-data';

describe('toyData', () => {
  it('toyData is reproducible from its seed and differs between seeds', () => {
    for (const name of TOY_DATA_NAMES) {
      expect(toyData(name, 64, 3).points).toEqual(toyData(name, 64, 3).points);
      expect(toyData(name, 64, 3).points).not.toEqual(toyData(name, 64, 4).points);
    }
  });

  it('every shape is finite, roughly centred, with spread between 0.5 and 2, and features in [0, 1)', () => {
    for (const name of TOY_DATA_NAMES) {
      const { points, feature } = toyData(name, 2000, 1);
      let mx = 0;
      let my = 0;
      let ss = 0;
      for (let i = 0; i < 2000; i += 1) {
        expect(Number.isFinite(points[2 * i]) && Number.isFinite(points[2 * i + 1])).toBe(true);
        mx += points[2 * i] / 2000;
        my += points[2 * i + 1] / 2000;
        ss += (points[2 * i] ** 2 + points[2 * i + 1] ** 2) / 2000;
        expect(feature[i]).toBeGreaterThanOrEqual(0);
        expect(feature[i]).toBeLessThan(1);
      }
      expect(Math.hypot(mx, my)).toBeLessThan(0.4);
      expect(Math.sqrt(ss / 2)).toBeGreaterThan(0.5);
      expect(Math.sqrt(ss / 2)).toBeLessThan(2);
    }
  });

  it('the ring has radius 1.5 on average', () => {
    const { points } = toyData('ring', 1000, 2);
    let r = 0;
    for (let i = 0; i < 1000; i += 1) r += Math.hypot(points[2 * i], points[2 * i + 1]) / 1000;
    expect(r).toBeCloseTo(1.5, 1);
  });

  it('refuses a sample size that is not a whole number >= 1', () => {
    expect(() => toyData('ring', 0, 1)).toThrow(RangeError);
    expect(() => toyData('ring', 2.5, 1)).toThrow(RangeError);
  });
});
