import { describe, expect, it } from 'vitest';
import { sampleRing } from './ring';

describe('sampleRing', () => {
  it('draws points whose radii have mean r and sd noise, at uniform angles, reproducibly', () => {
    const points = sampleRing(3, 20_000, 2, 0.2);
    const radii = Array.from({ length: 20_000 }, (_, i) => Math.hypot(points[2 * i]!, points[2 * i + 1]!));
    const mean = radii.reduce((s, r) => s + r, 0) / radii.length;
    const sd = Math.sqrt(radii.reduce((s, r) => s + (r - mean) ** 2, 0) / radii.length);
    expect(mean).toBeCloseTo(2, 2);
    expect(sd).toBeCloseTo(0.2, 2);
    // Uniform angles: the mean point is near the origin.
    expect(Math.abs(points.filter((_, i) => i % 2 === 0).reduce((s, v) => s + v, 0) / 20_000)).toBeLessThan(0.03);
    expect(sampleRing(3, 5, 2, 0.2)).toEqual(sampleRing(3, 5, 2, 0.2));
  });

  it('refuses a negative size or radius', () => {
    expect(() => sampleRing(1, -1, 2, 0.1)).toThrow(RangeError);
    expect(() => sampleRing(1, 5, 0, 0.1)).toThrow(RangeError);
  });
});
