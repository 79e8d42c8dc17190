import { describe, expect, it } from 'vitest';
import { createRng, gaussianSamples, standardNormals } from './random.ts';

function draw(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, () => rng());
}

describe('createRng', () => {
  it('createRng(seed) gives the same sequence for the same seed', () => {
    expect(draw(createRng(42), 20)).toEqual(draw(createRng(42), 20));
  });

  it('createRng(1) and createRng(2) give different sequences', () => {
    expect(draw(createRng(1), 5)).not.toEqual(draw(createRng(2), 5));
  });

  it('createRng coerces the seed to uint32, so 2^32 + 5 and 5.7 behave like 5 and -1 like 2^32 - 1', () => {
    const five = draw(createRng(5), 5);
    expect(draw(createRng(2 ** 32 + 5), 5)).toEqual(five);
    expect(draw(createRng(5.7), 5)).toEqual(five);
    expect(draw(createRng(-1), 5)).toEqual(draw(createRng(2 ** 32 - 1), 5));
  });

  it('createRng(NaN) behaves like seed 0 instead of producing NaN', () => {
    expect(draw(createRng(NaN), 5)).toEqual(draw(createRng(0), 5));
  });

  it('createRng draws lie in [0, 1) and their mean and variance match U(0, 1)', () => {
    const values = draw(createRng(7), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    // Standard errors: 0.289 / sqrt(1e5) ≈ 0.0009 for the mean; variance 1/12 ≈ 0.0833.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('createRng(0) pins its first draws (regression guard for the mulberry32 constants)', () => {
    const first = draw(createRng(0), 3);
    expect(first.map((v) => Math.round(v * 2 ** 32))).toEqual(first.map((v) => v * 2 ** 32));
    expect(first[0]).toBeCloseTo(0.26642920868471265, 15);
  });
});

describe('standardNormals', () => {
  it('standardNormals(rng, 100000) has mean ≈ 0 and variance ≈ 1', () => {
    const z = standardNormals(createRng(3), 100_000);
    let mean = 0;
    for (const v of z) mean += v / z.length;
    let variance = 0;
    for (const v of z) variance += (v - mean) ** 2 / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });

  it('standardNormals returns n values for odd n and an empty array for n = 0', () => {
    expect(standardNormals(createRng(1), 7)).toHaveLength(7);
    expect(standardNormals(createRng(1), 0)).toHaveLength(0);
  });

  it('standardNormals never takes log(0): a generator stuck at 0 or just below 1 gives finite values', () => {
    expect(standardNormals(() => 0, 4).every((v) => v === 0)).toBe(true);
    const nearOne = standardNormals(() => 1 - 2 ** -32, 4);
    expect(nearOne.every(Number.isFinite)).toBe(true);
    // u1 = 2^-32 gives the largest radius, sqrt(64 ln 2) ≈ 6.66.
    expect(Math.abs(nearOne[0]!)).toBeCloseTo(Math.sqrt(64 * Math.LN2), 4);
  });

  it('standardNormals rejects a negative or fractional n with a RangeError', () => {
    expect(() => standardNormals(createRng(1), -1)).toThrow(RangeError);
    expect(() => standardNormals(createRng(1), 2.5)).toThrow(RangeError);
  });
});

describe('gaussianSamples', () => {
  it('gaussianSamples(seed, n, mu, sigma) equals mu + sigma times the standard normals of that seed', () => {
    const z = standardNormals(createRng(11), 10);
    const x = gaussianSamples(11, 10, 2, 3);
    x.forEach((v, i) => expect(v).toBeCloseTo(Math.fround(2 + 3 * z[i]!), 5));
  });

  it('gaussianSamples with sigma = 0 returns the mean exactly', () => {
    expect([...gaussianSamples(1, 3, 1.5, 0)]).toEqual([1.5, 1.5, 1.5]);
  });

  it('gaussianSamples rejects a negative, NaN or infinite sigma and a non-finite mean', () => {
    expect(() => gaussianSamples(1, 3, 0, -1)).toThrow(RangeError);
    expect(() => gaussianSamples(1, 3, 0, NaN)).toThrow(RangeError);
    expect(() => gaussianSamples(1, 3, 0, Infinity)).toThrow(RangeError);
    expect(() => gaussianSamples(1, 3, NaN, 1)).toThrow(RangeError);
  });
});
