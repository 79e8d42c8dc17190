import { describe, expect, it } from 'vitest';
import { reverseKlLocalMinima } from './gaussian-fit';
import { twoComponentMixture } from './mixture';

describe('reverseKlLocalMinima (review item 5: the central wide minimum)', () => {
  it('at d = 5 finds the mode minima (KL 0.666) and the central N(0, 2.39^2) with 0.481, which is global', () => {
    const minima = reverseKlLocalMinima(twoComponentMixture(5, 0.5, 1));
    expect(minima).toHaveLength(3);
    const [left, centre, right] = minima;
    expect(centre!.mean).toBeCloseTo(0, 2);
    expect(centre!.stdDev).toBeCloseTo(2.391, 2);
    expect(centre!.kl).toBeCloseTo(0.481, 2);
    expect(centre!.global).toBe(true);
    expect(right!.mean).toBeCloseTo(2.386, 2);
    expect(right!.kl).toBeCloseTo(0.666, 2);
    expect(left!.global || right!.global).toBe(false);
  });

  it('at d = 8 (the island default) a mode fit is global: KL 0.693 against 1.871 for the central one', () => {
    const minima = reverseKlLocalMinima(twoComponentMixture(8, 0.5, 1));
    expect(minima).toHaveLength(3);
    expect(minima[1]!.kl).toBeCloseTo(1.871, 2);
    expect(minima[1]!.global).toBe(false);
    expect(minima[2]!.kl).toBeCloseTo(0.693, 2);
    expect(minima.filter((m) => m.global).length).toBeGreaterThanOrEqual(1);
    expect(minima[0]!.global || minima[2]!.global).toBe(true);
  });

  it('at d = 4 only the central minimum exists', () => {
    const minima = reverseKlLocalMinima(twoComponentMixture(4, 0.5, 1));
    expect(minima).toHaveLength(1);
    expect(minima[0]!.stdDev).toBeCloseTo(2.047, 2);
    expect(minima[0]!.global).toBe(true);
  });

  it('the global minimum switches from the centre to a mode at about d = 5.6', () => {
    const centreWins = (d: number) => reverseKlLocalMinima(twoComponentMixture(d, 0.5, 1)).some((m) => m.global && Math.abs(m.mean) < 0.1);
    expect(centreWins(5.5)).toBe(true);
    expect(centreWins(5.8)).toBe(false);
  });
});
