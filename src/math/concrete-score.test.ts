import { describe, expect, it } from 'vitest';
import { concreteScore, discreteGaussian, explicitConcreteObjective, implicitConcreteObjective, sampleDiscrete, twoBumpDistribution } from './concrete-score';

describe('concrete score matching', () => {
  const p = twoBumpDistribution(16, 0.6);

  it('explicit - implicit = E_p c_p^2, the same constant for every model', () => {
    const cp = concreteScore(p);
    const constant = p.reduce((sum, px, x) => sum + px * cp[x] ** 2, 0);
    for (const [mu, sigma] of [[7.5, 4], [2, 1.5], [12, 6]]) {
      const q = discreteGaussian(16, mu, sigma);
      expect(explicitConcreteObjective(p, q) - implicitConcreteObjective(p, q)).toBeCloseTo(constant, 8);
    }
  });

  it('does not depend on the normalising constant of the model', () => {
    const q = discreteGaussian(16, 5, 3);
    expect(concreteScore(q.map((v) => 7 * v))).toEqual(concreteScore(q).map((c) => expect.closeTo(c, 12)));
  });

  it('is zero exactly when the model equals p (connected cyclic neighbourhood)', () => {
    expect(explicitConcreteObjective(p, p)).toBe(0);
    expect(explicitConcreteObjective(p, discreteGaussian(16, 7.5, 4))).toBeGreaterThan(0.01);
  });

  it('sampleDiscrete follows p', () => {
    const draws = sampleDiscrete(p, 100_000, 3);
    const counts = new Array(16).fill(0);
    draws.forEach((x) => (counts[x] += 1));
    counts.forEach((c, x) => expect(c / 100_000).toBeCloseTo(p[x], 2));
  });
});
