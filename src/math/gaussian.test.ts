import { describe, expect, it } from 'vitest';
import { gaussianCrossEntropy, gaussianEntropy, gaussianKl, gaussianLogPdf } from './gaussian.ts';

describe('gaussianLogPdf', () => {
  it('gaussianLogPdf(0, 0, 1) is -(1/2) ln(2 pi) = -0.9189385332046727', () => {
    expect(gaussianLogPdf(0, 0, 1)).toBeCloseTo(-0.9189385332046727, 15);
  });

  it('gaussianLogPdf(1.1, 0.3, 2) matches the density formula', () => {
    const expected = Math.log(Math.exp(-((1.1 - 0.3) ** 2) / 8) / (2 * Math.sqrt(2 * Math.PI)));
    expect(gaussianLogPdf(1.1, 0.3, 2)).toBeCloseTo(expected, 14);
  });

  it('gaussianLogPdf is finite far in the tails and -Infinity at x = ±Infinity', () => {
    expect(gaussianLogPdf(1e3, 0, 1)).toBeCloseTo(-5e5 - 0.9189385332046727, 8);
    expect(gaussianLogPdf(Infinity, 0, 1)).toBe(-Infinity);
    expect(gaussianLogPdf(-Infinity, 0, 1)).toBe(-Infinity);
  });

  it('gaussianLogPdf is NaN for sigma <= 0 or NaN inputs', () => {
    expect(gaussianLogPdf(0, 0, 0)).toBeNaN();
    expect(gaussianLogPdf(0, 0, -1)).toBeNaN();
    expect(gaussianLogPdf(NaN, 0, 1)).toBeNaN();
    expect(gaussianLogPdf(0, 0, NaN)).toBeNaN();
  });
});

describe('gaussianKl', () => {
  it('gaussianKl(0, 1, 1, 1) is 1/2, and equal-variance Gaussians give the same value both ways (MATH_NOTES D3)', () => {
    expect(gaussianKl(0, 1, 1, 1)).toBeCloseTo(0.5, 15);
    expect(gaussianKl(1, 1, 0, 1)).toBeCloseTo(0.5, 15);
  });

  it('gaussianKl(0, 1, 0, 2) is ln 2 + 1/8 - 1/2 and gaussianKl(0, 2, 0, 1) is 3/2 - ln 2', () => {
    expect(gaussianKl(0, 1, 0, 2)).toBeCloseTo(Math.LN2 - 0.375, 15);
    expect(gaussianKl(0, 2, 0, 1)).toBeCloseTo(1.5 - Math.LN2, 15);
  });

  it('gaussianKl is exactly 0 for identical Gaussians', () => {
    expect(gaussianKl(0.3, 1.7, 0.3, 1.7)).toBe(0);
    expect(gaussianKl(-1e6, 1e-3, -1e6, 1e-3)).toBe(0);
  });

  it('gaussianKl of N(m, v) against N(0, 1) is (v + m^2 - 1 - ln v) / 2 (MATH_NOTES B2.6)', () => {
    const m = 0.7;
    const v = 2.5;
    expect(gaussianKl(m, Math.sqrt(v), 0, 1)).toBeCloseTo(0.5 * (v + m * m - 1 - Math.log(v)), 14);
  });

  it('gaussianKl is +Infinity when one side is a point mass and 0 between identical point masses', () => {
    expect(gaussianKl(0, 0, 0, 1)).toBe(Infinity);
    expect(gaussianKl(0, 1, 0, 0)).toBe(Infinity);
    expect(gaussianKl(2, 0, 2, 0)).toBe(0);
    expect(gaussianKl(2, 0, 3, 0)).toBe(Infinity);
  });

  it('gaussianKl is +Infinity for an infinite mean offset', () => {
    expect(gaussianKl(Infinity, 1, 0, 1)).toBe(Infinity);
  });

  it('gaussianKl is NaN for negative or NaN parameters', () => {
    expect(gaussianKl(0, -1, 0, 1)).toBeNaN();
    expect(gaussianKl(NaN, 1, 0, 1)).toBeNaN();
    expect(gaussianKl(0, 1, 0, NaN)).toBeNaN();
  });
});

describe('gaussianEntropy and gaussianCrossEntropy', () => {
  it('gaussianEntropy(1) is (1/2) ln(2 pi e) = 1.4189385332046727', () => {
    expect(gaussianEntropy(1)).toBeCloseTo(1.4189385332046727, 15);
  });

  it('gaussianEntropy(sigma) grows by ln sigma and is -Infinity at sigma = 0', () => {
    expect(gaussianEntropy(3) - gaussianEntropy(1)).toBeCloseTo(Math.log(3), 15);
    expect(gaussianEntropy(0)).toBe(-Infinity);
    expect(gaussianEntropy(-1)).toBeNaN();
  });

  it('gaussianCrossEntropy equals gaussianEntropy plus gaussianKl (MATH_NOTES B1.2)', () => {
    const cases: ReadonlyArray<readonly [number, number, number, number]> = [
      [0, 1, 0, 1],
      [0.3, 1.7, -1.2, 0.4],
      [5, 0.1, 0, 10],
    ];
    for (const [m1, s1, m2, s2] of cases) {
      expect(gaussianCrossEntropy(m1, s1, m2, s2)).toBeCloseTo(gaussianEntropy(s1) + gaussianKl(m1, s1, m2, s2), 12);
    }
  });

  it('gaussianCrossEntropy is NaN when sigma2 <= 0', () => {
    expect(gaussianCrossEntropy(0, 1, 0, 0)).toBeNaN();
  });
});
