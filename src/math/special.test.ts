import { describe, expect, it } from 'vitest';
import { digamma, lnGamma } from './special';

describe('lnGamma', () => {
  it('matches ln((n-1)!) at integers and ln sqrt(pi) at 1/2', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n += 1) {
      expect(lnGamma(n)).toBeCloseTo(Math.log(factorial), 10);
      factorial *= n;
    }
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 10);
  });
  it('rejects x <= 0 and NaN', () => {
    expect(() => lnGamma(0)).toThrow(RangeError);
    expect(() => lnGamma(Number.NaN)).toThrow(RangeError);
  });
});

describe('digamma', () => {
  it('matches known values: psi(1) = -gamma, psi(1/2) = -gamma - 2 ln 2', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 11);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 11);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 11);
  });
  it('is the derivative of lnGamma (central difference)', () => {
    for (const x of [0.3, 1.7, 4.2, 25]) {
      const h = 1e-5;
      expect(digamma(x)).toBeCloseTo((lnGamma(x + h) - lnGamma(x - h)) / (2 * h), 6);
    }
  });
});
