import { describe, expect, it } from 'vitest';
import { checkConstantDifference, checkPair, constantProbeSettings, formatNumber, STD_ERR_MULTIPLE } from './check';

describe('checkPair', () => {
  it('eq holds within float32 tolerance and fails beyond it', () => {
    expect(checkPair('eq', { value: 0.0304787 }, { value: 0.0304788 }).holds).toBe(true);
    expect(checkPair('eq', { value: 0.0304 }, { value: 0.0305 }).holds).toBe(false);
  });
  it('eq with a standard error accepts k s.e. and rejects more', () => {
    const se = 0.01;
    expect(checkPair('eq', { value: 1 }, { value: 1 + (STD_ERR_MULTIPLE - 0.5) * se, stdErr: se }).holds).toBe(true);
    expect(checkPair('eq', { value: 1 }, { value: 1 + (STD_ERR_MULTIPLE + 0.5) * se, stdErr: se }).holds).toBe(false);
  });
  it('eq treats equal infinities as equal and an infinity against a number as unequal', () => {
    expect(checkPair('eq', { value: Infinity }, { value: Infinity }).holds).toBe(true);
    expect(checkPair('eq', { value: Infinity }, { value: 3 }).holds).toBe(false);
  });
  it('ge reads previous >= this: KL >= 0 holds for +infinity and fails for a negative KL', () => {
    expect(checkPair('ge', { value: Infinity }, { value: 0 }).holds).toBe(true);
    expect(checkPair('ge', { value: 0.03 }, { value: 0 }).holds).toBe(true);
    expect(checkPair('ge', { value: -0.5 }, { value: 0 }).holds).toBe(false);
  });
  it('le reads previous <= this', () => {
    expect(checkPair('le', { value: -2 }, { value: -1 }).holds).toBe(true);
    expect(checkPair('le', { value: -1 }, { value: -2 }).holds).toBe(false);
  });
  it('a known mistake is as expected only when it fails', () => {
    expect(checkPair('eq', { value: 0.03 }, { value: 2.05 }, true)).toMatchObject({ holds: false, asExpected: true });
    expect(checkPair('eq', { value: 1 }, { value: 1 }, true)).toMatchObject({ holds: true, asExpected: false });
  });
  it('NaN never holds', () => {
    expect(checkPair('eq', { value: Number.NaN }, { value: Number.NaN }).holds).toBe(false);
  });
});

describe('checkConstantDifference', () => {
  const probe = (a: number, b: number, mu: number) => ({ params: { mu }, previous: { value: a }, current: { value: b } });
  it('holds when previous - current is the same at every setting', () => {
    expect(checkConstantDifference([probe(3, 1, 0), probe(5, 3, 1), probe(-1, -3, 2)]).holds).toBe(true);
  });
  it('fails, naming the setting, when the difference moves', () => {
    const check = checkConstantDifference([probe(3, 1, 0), probe(5, 2, 1.5)]);
    expect(check.holds).toBe(false);
    expect(check.detail).toContain('mu=1.5');
  });
  it('needs two settings', () => {
    expect(checkConstantDifference([probe(1, 1, 0)]).holds).toBe(false);
  });
});

describe('constantProbeSettings', () => {
  it('moves only the listed parameters, inside their ranges', () => {
    const specs = [{ name: 'mu', min: -4, max: 4 }, { name: 'd', min: 0, max: 6 }];
    const settings = constantProbeSettings({ mu: 0, d: 3 }, specs, ['mu']);
    expect(settings).toHaveLength(3);
    for (const s of settings) {
      expect(s.d).toBe(3);
      expect(s.mu).toBeGreaterThanOrEqual(-4);
      expect(s.mu).toBeLessThanOrEqual(4);
    }
    expect(new Set(settings.map((s) => s.mu)).size).toBe(3);
  });
});

describe('formatNumber', () => {
  it('keeps the zeros of whole numbers (review item 10: 2200.1 printed as "22", 1000 as "1")', () => {
    expect(formatNumber(2200.1)).toBe('2200');
    expect(formatNumber(1000)).toBe('1000');
    expect(formatNumber(12345)).toBe('12345');
    expect(checkPair('ge', { value: 2200.1 }, { value: -0.4768 }).detail).toBe('2200 ≥ −0.4768');
  });
  it('drops trailing zeros only after a decimal point, and writes small and large values with an exponent', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1.25e-5)).toBe('1.25e−5');
    expect(formatNumber(-3.5e7)).toBe('−3.5e7');
    expect(formatNumber(0)).toBe('0');
  });
  it('spells out infinities and never prints NaN', () => {
    expect(formatNumber(Infinity)).toBe('+∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(Number.NaN)).toBe('not a number');
  });
  it('serves the fixed-decimal and untrimmed presets of the islands', () => {
    expect(formatNumber(0.030478754, { digits: 5, trim: false, minFixed: 1e-4, maxFixed: 1e6 })).toBe('0.030479');
    expect(formatNumber(0.25, { decimals: 2 })).toBe('0.25');
    expect(formatNumber(1.5, { digits: 3, trim: false })).toBe('1.50');
    expect(formatNumber(9.99996, { digits: 4, trim: false })).toBe('10.00');
  });
});
