import { describe, expect, it } from 'vitest';
import { halfOpenUniform, mulHi, openUniform, philox4x32, philoxBlock, philoxNormal, philoxNormals } from './philox';
import { kolmogorovSmirnov, meanAndStdErr, standardNormalCdf } from './stats';

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, '0')).join(' ');

describe('philox4x32', () => {
  // Known-answer vectors of Random123 (kat_vectors): counter, key -> output.
  it('reproduces the Random123 known answers', () => {
    expect(hex(philox4x32([0, 0, 0, 0], [0, 0]))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    const ones = 0xffffffff;
    expect(hex(philox4x32([ones, ones, ones, ones], [ones, ones]))).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(hex(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])))
      .toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });

  it('mulHi is the high word of the exact 64-bit product', () => {
    const pairs = [[0xffffffff, 0xffffffff], [0xd2511f53, 0x12345678], [1, 0xffffffff], [0x10000, 0x10000], [0, 7]];
    for (const [a, b] of pairs) expect(mulHi(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
  });
});

describe('uniforms from 24-bit words', () => {
  it('openUniform lies in (0, 1] and halfOpenUniform in [0, 1), both exact in float32', () => {
    expect(openUniform(0)).toBe(2 ** -24);
    expect(openUniform(0xffffffff)).toBe(1);
    expect(halfOpenUniform(0)).toBe(0);
    expect(halfOpenUniform(0xffffffff)).toBe(1 - 2 ** -24);
    expect(Math.fround(openUniform(0x12345678))).toBe(openUniform(0x12345678));
  });

  it('the words are uniform: a chi-square test over 64 cells of 64 000 draws', () => {
    const cells = new Float64Array(64);
    const n = 64_000;
    for (let i = 0; i < n / 4; i += 1) for (const w of philox4x32([i, 3, 0, 0], [11, 0])) cells[w >>> 26] += 1;
    const expected = n / 64;
    const chiSquare = cells.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 63 degrees of freedom: the 0.1% and 99.9% quantiles are 33.4 and 103.4.
    expect(chiSquare).toBeGreaterThan(33.4);
    expect(chiSquare).toBeLessThan(103.4);
  });
});

describe('philoxNormals', () => {
  const z = philoxNormals(2024, 7, 50_000);

  it('is standard normal: mean, variance and a Kolmogorov–Smirnov test', () => {
    const { mean, stdErr } = meanAndStdErr(z);
    expect(Math.abs(mean)).toBeLessThan(4 * stdErr);
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1);
    // sd of the sample variance of N(0, 1): sqrt(2 / n) = 0.0063.
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / z.length));
    expect(Math.sqrt(z.length) * kolmogorovSmirnov(z, standardNormalCdf)).toBeLessThan(1.63);
    expect(Math.max(...z.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(48 * Math.LN2));
  });

  it('is a pure function of (seed, step, index): other steps and seeds give independent streams', () => {
    expect(Math.fround(philoxNormal(2024, 7, 123))).toBe(z[123]);
    const nextStep = philoxNormals(2024, 8, 20_000);
    const otherSeed = philoxNormals(2025, 7, 20_000);
    const correlation = (a: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < a.length; i += 1) s += a[i]! * z[i]!;
      return s / a.length;
    };
    // sd of the sample correlation of independent normals: 1 / sqrt(2e4) = 0.007.
    expect(Math.abs(correlation(nextStep))).toBeLessThan(0.03);
    expect(Math.abs(correlation(otherSeed))).toBeLessThan(0.03);
    expect(Math.abs(correlation(z.subarray(1, 20_001)))).toBeLessThan(0.03);
  });

  it('one Philox block gives four steps: every lane (cos and sin of two pairs) is standard normal, lanes uncorrelated', () => {
    const n = 20_000;
    const lanes = [0, 1, 2, 3].map((lane) => philoxNormals(99, 8 + lane, n));
    for (const z of lanes) expect(Math.sqrt(n) * kolmogorovSmirnov(z, standardNormalCdf)).toBeLessThan(1.63);
    const [block] = [philoxBlock(99, 2, 5)];
    block.forEach((value, lane) => expect(Math.fround(value)).toBe(lanes[lane]![5]));
    for (const [a, b] of [[0, 1], [0, 2], [2, 3]] as const) {
      let s = 0;
      for (let i = 0; i < n; i += 1) s += lanes[a]![i]! * lanes[b]![i]!;
      expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  it('rejects a sample size that is not a whole number', () => {
    expect(() => philoxNormals(1, 1, 2.5)).toThrow(RangeError);
  });
});

describe('standardNormalCdf and kolmogorovSmirnov', () => {
  it('matches known values of Phi', () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(standardNormalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(standardNormalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });

  it('is 0.5 for one point at the median and detects a shifted sample', () => {
    expect(kolmogorovSmirnov([0], standardNormalCdf)).toBeCloseTo(0.5, 7);
    const shifted = philoxNormals(5, 0, 5000).map((v) => v + 0.2);
    expect(Math.sqrt(5000) * kolmogorovSmirnov(shifted, standardNormalCdf)).toBeGreaterThan(1.95);
  });
});
