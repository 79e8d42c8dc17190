import { describe, expect, it } from 'vitest';
import { binOf, summariseParticles, summaryLength } from './particle-summary';

const LAYOUT = { lower: -2, upper: 2, bins: 4, threshold: 0, centre: 1 };

describe('summariseParticles', () => {
  it('bins, counts the out-of-range and non-finite particles, and gives mean and variance', () => {
    const particles = [-3, -1.5, -0.5, -0.5, 0, 0.5, 1.999, 2, 5, Number.NaN, Number.POSITIVE_INFINITY];
    const summary = summariseParticles(particles, LAYOUT);
    expect(Array.from(summary.counts)).toEqual([1, 2, 2, 1]);
    expect([summary.underflow, summary.overflow, summary.below, summary.nonFinite]).toEqual([1, 2, 4, 2]);
    const finite = particles.filter(Number.isFinite);
    const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
    expect(summary.mean).toBeCloseTo(mean, 12);
    expect(summary.variance).toBeCloseTo(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / finite.length, 12);
    expect(summaryLength(LAYOUT)).toBe(9);
  });

  it('puts a bin edge in the upper bin and the upper end in the overflow', () => {
    expect(binOf(-1, LAYOUT)).toBe(1);
    expect(binOf(2, LAYOUT)).toBe(4);
    expect(binOf(-2.0001, LAYOUT)).toBe(-1);
  });

  it('gives NaN moments, not a number that pretends, when no particle is finite', () => {
    const summary = summariseParticles([Number.NaN], LAYOUT);
    expect(summary.nonFinite).toBe(1);
    expect(summary.mean).toBeNaN();
  });
});
