import { describe, expect, it } from 'vitest';
import { checkConstantDifference, checkPair, constantProbeSettings, STD_ERR_MULTIPLE } from './check';

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
