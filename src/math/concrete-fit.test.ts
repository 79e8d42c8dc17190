import { describe, expect, it } from 'vitest';
import { concreteObjective, fitConcreteScore, frequencies, softmax, totalVariation, unboundedReason } from './concrete-fit';
import { implicitConcreteObjective, sampleDiscrete, twoBumpDistribution } from './concrete-score';

describe('concrete score matching fit (saturated model)', () => {
  it('objective equals the implicit form of concrete-score.ts, and its gradient matches finite differences', () => {
    const f = twoBumpDistribution(16, 0.6);
    const theta = Array.from({ length: 16 }, (_, x) => Math.sin(x) * 0.7);
    const { value, gradient } = concreteObjective(theta, f);
    expect(value).toBeCloseTo(implicitConcreteObjective(f, softmax(theta)), 12);
    for (const j of [0, 5, 15]) {
      const h = 1e-6;
      const plus = [...theta]; plus[j] += h;
      const minus = [...theta]; minus[j] -= h;
      expect(gradient[j]).toBeCloseTo((concreteObjective(plus, f).value - concreteObjective(minus, f).value) / (2 * h), 6);
    }
  });

  it('recovers the empirical distribution when every state was drawn', () => {
    const p = twoBumpDistribution(16, 0.6);
    const f = frequencies(sampleDiscrete(p, 20_000, 3), 16);
    expect(Math.min(...f)).toBeGreaterThan(0);
    const fit = fitConcreteScore(f);
    expect(fit.iterations).toBeLessThan(3000); // stopped on the gradient tolerance
    expect(fit.gradientNorm).toBeLessThan(1e-9);
    expect(totalVariation(fit.q, f)).toBeLessThan(1e-6);
    expect(fit.gradientNorm).toBeLessThan(1e-4);
    // and the empirical distribution is close to p for this many draws
    expect(totalVariation(fit.q, p)).toBeLessThan(0.03);
    // the objective fell from the uniform start
    expect(fit.trace[0].objective).toBeGreaterThan(fit.objective);
  });

  it('refuses to fit when a state has no draws, because the objective is then unbounded below', () => {
    const f = [0.5, 0.3, 0, 0.2];
    expect(() => fitConcreteScore(f)).toThrow(/State 2 was never drawn/);
    expect(unboundedReason(f)).toMatch(/no minimum/);
    expect(unboundedReason([0.5, 0.5])).toBeUndefined();
    // unbounded: raising theta_3 (the neighbour of the empty state 2) lowers L past any bound
    const values = [0, 5, 10, 20].map((t) => concreteObjective([0, 0, 0, t], f).value);
    values.slice(1).forEach((v, i) => expect(v).toBeLessThan(values[i]));
    expect(values[3]).toBeLessThan(-1e7);
  });

  it('frequencies count draws', () => {
    expect(frequencies(Int32Array.from([0, 1, 1, 3]), 4)).toEqual([0.25, 0.5, 0, 0.25]);
  });
});
