import { describe, expect, it } from 'vitest';
import { gaussianSamples } from './random.ts';
import { logSpace, meanAndStdErr } from './stats.ts';

describe('meanAndStdErr', () => {
  it('meanAndStdErr([2, 4, 4, 4, 5, 5, 7, 9]) is mean 5, stdErr sqrt(32/7)/sqrt(8)', () => {
    const { mean, stdErr } = meanAndStdErr([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBeCloseTo(5, 15);
    expect(stdErr).toBeCloseTo(Math.sqrt(32 / 7 / 8), 15);
  });

  it('meanAndStdErr of a constant array has stdErr 0, even for large offsets', () => {
    expect(meanAndStdErr(new Float64Array(1000).fill(1e9 + 0.5))).toEqual({ mean: 1e9 + 0.5, stdErr: 0 });
  });

  it('meanAndStdErr of one value has stdErr Infinity', () => {
    expect(meanAndStdErr([3])).toEqual({ mean: 3, stdErr: Infinity });
  });

  it('meanAndStdErr of no values throws a RangeError', () => {
    expect(() => meanAndStdErr([])).toThrow(RangeError);
  });

  it('meanAndStdErr of 10000 N(2, 3^2) draws has stdErr ≈ 3/100 and mean within 4 stdErr of 2', () => {
    const { mean, stdErr } = meanAndStdErr(gaussianSamples(4, 10_000, 2, 3));
    expect(stdErr).toBeCloseTo(0.03, 3);
    expect(Math.abs(mean - 2)).toBeLessThan(4 * stdErr);
  });

  it('meanAndStdErr propagates NaN and Infinity values', () => {
    expect(meanAndStdErr([1, NaN, 2]).mean).toBeNaN();
    expect(meanAndStdErr([1, Infinity]).mean).toBe(Infinity);
  });
});

describe('logSpace', () => {
  it('logSpace(10, 1e5, 5) is [10, 100, 1000, 10000, 100000]', () => {
    expect(logSpace(10, 1e5, 5)).toEqual([10, 100, 1000, 10000, 100000]);
  });

  it('logSpace(1, 10, 20) is unique, increasing, whole and runs from 1 to 10', () => {
    const values = logSpace(1, 10, 20);
    expect(values[0]).toBe(1);
    expect(values[values.length - 1]).toBe(10);
    expect(values).toEqual([...new Set(values)].sort((a, b) => a - b));
    expect(values.every(Number.isInteger)).toBe(true);
    expect(values.length).toBeLessThan(20);
  });

  it('logSpace(10, 1e5, 13) has 13 values with ratio 10^(1/3) between neighbours', () => {
    const values = logSpace(10, 1e5, 13);
    expect(values).toEqual([10, 22, 46, 100, 215, 464, 1000, 2154, 4642, 10000, 21544, 46416, 100000]);
  });

  it('logSpace with count 1 or start = stop gives a single value', () => {
    expect(logSpace(10, 1e5, 1)).toEqual([10]);
    expect(logSpace(50, 50, 4)).toEqual([50]);
  });

  it('logSpace throws a RangeError for start <= 0, stop < start, infinite stop or a bad count', () => {
    expect(() => logSpace(0, 10, 3)).toThrow(RangeError);
    expect(() => logSpace(10, 1, 3)).toThrow(RangeError);
    expect(() => logSpace(1, Infinity, 3)).toThrow(RangeError);
    expect(() => logSpace(1, 10, 0)).toThrow(RangeError);
    expect(() => logSpace(1, 10, 2.5)).toThrow(RangeError);
    expect(() => logSpace(NaN, 10, 3)).toThrow(RangeError);
  });
});
