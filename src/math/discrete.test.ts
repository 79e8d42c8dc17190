import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  entropy,
  infiniteKlSupport,
  klDivergence,
  NATS_PER_BIT,
  normalizeWeights,
  toUnit,
} from './discrete.ts';
import { createRng } from './random.ts';

// MATH_NOTES A, D7: the seed text's example.
const P = [0.2, 0.5, 0.3] as const;
const Q = [0.3, 0.4, 0.3] as const;

/** A random probability vector (length 1..8 unless given) with about a quarter of its entries exactly 0. */
function randomDistribution(rng: () => number, length = 1 + Math.floor(rng() * 8)): number[] {
  const weights = Array.from({ length }, () => (rng() < 0.25 ? 0 : rng()));
  weights[Math.floor(rng() * length)] = 0.5 + rng();
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

describe('klDivergence', () => {
  it('klDivergence([0.2, 0.5, 0.3], [0.3, 0.4, 0.3]) is 0.030478754035472 nats', () => {
    expect(klDivergence(P, Q)).toBeCloseTo(0.030478754035472, 12);
    // Closed form: (1/2) ln 5 - (4/5) ln 2 - (1/5) ln 3.
    expect(klDivergence(P, Q)).toBeCloseTo(0.5 * Math.log(5) - 0.8 * Math.LN2 - 0.2 * Math.log(3), 14);
  });

  it('klDivergence([0.3, 0.4, 0.3], [0.2, 0.5, 0.3]) is 0.032382111906765 nats, so KL is not symmetric', () => {
    expect(klDivergence(Q, P)).toBeCloseTo(0.032382111906765, 12);
  });

  it('klDivergence in bits of the seed example is 0.043971547', () => {
    expect(toUnit(klDivergence(P, Q), 'bits')).toBeCloseTo(0.043971547, 9);
  });

  it('klDivergence equals crossEntropy minus entropy (MATH_NOTES D4)', () => {
    expect(klDivergence(P, Q)).toBeCloseTo(crossEntropy(P, Q) - entropy(P), 14);
    const rng = createRng(5);
    for (let trial = 0; trial < 200; trial++) {
      const p = randomDistribution(rng);
      const q = p.map(() => 0.05 + rng());
      const total = q.reduce((s, v) => s + v, 0);
      const qn = q.map((v) => v / total);
      expect(klDivergence(p, qn)).toBeCloseTo(crossEntropy(p, qn) - entropy(p), 12);
    }
  });

  it('klDivergence is >= 0 and never NaN over 2000 seeded random pairs with zeros', () => {
    const rng = createRng(2024);
    let infinite = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const p = randomDistribution(rng);
      const q = randomDistribution(rng, p.length);
      const kl = klDivergence(p, q);
      expect(Number.isNaN(kl)).toBe(false);
      expect(kl).toBeGreaterThanOrEqual(0);
      if (kl === Infinity) infinite++;
    }
    // The generator puts zeros in q often enough that the +Infinity branch is exercised.
    expect(infinite).toBeGreaterThan(0);
  });

  it('klDivergence(p, p) is exactly 0 for seeded random p', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 500; trial++) {
      const p = randomDistribution(rng);
      expect(klDivergence(p, [...p])).toBe(0);
    }
  });

  it('klDivergence uses 0 ln(0/q) = 0, also when q is 0 there', () => {
    expect(klDivergence([0, 1], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
    expect(klDivergence([0, 1], [0, 1])).toBe(0);
  });

  it('klDivergence is +Infinity when q_i = 0 < p_i (p not absolutely continuous wrt q)', () => {
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
  });

  it('klDivergence of a point mass against uniform on 4 states is ln 4', () => {
    expect(klDivergence([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 15);
  });

  it('klDivergence propagates NaN inputs as NaN', () => {
    expect(klDivergence([NaN, 1], [0.5, 0.5])).toBeNaN();
    expect(klDivergence([0.5, 0.5], [NaN, 0.5])).toBeNaN();
    expect(klDivergence([0, 1], [NaN, 1])).toBeNaN();
  });

  it('klDivergence of empty vectors is 0', () => {
    expect(klDivergence([], [])).toBe(0);
  });

  it('klDivergence throws a RangeError for vectors of different lengths', () => {
    expect(() => klDivergence([1], [0.5, 0.5])).toThrow(RangeError);
  });
});

describe('entropy and crossEntropy', () => {
  it('entropy of uniform on n states is ln n', () => {
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 15);
  });

  it('entropy uses 0 ln 0 = 0, so a point mass has entropy 0', () => {
    expect(entropy([0, 1, 0])).toBe(0);
    expect(entropy([0.5, 0, 0.5])).toBeCloseTo(Math.LN2, 15);
  });

  it('entropy of the seed p is 1.0296530140645737 nats', () => {
    expect(entropy(P)).toBeCloseTo(-(0.2 * Math.log(0.2) + 0.5 * Math.log(0.5) + 0.3 * Math.log(0.3)), 15);
    expect(entropy(P)).toBeCloseTo(1.0296530140645737, 14);
  });

  it('crossEntropy(p, p) equals entropy(p)', () => {
    expect(crossEntropy(P, P)).toBeCloseTo(entropy(P), 15);
  });

  it('crossEntropy is +Infinity where q_i = 0 < p_i and ignores terms with p_i = 0', () => {
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(crossEntropy([1, 0], [1, 0])).toBe(0);
  });

  it('entropy and crossEntropy propagate NaN inputs as NaN', () => {
    expect(entropy([NaN, 0.5])).toBeNaN();
    expect(crossEntropy([0.5, 0.5], [NaN, 0.5])).toBeNaN();
  });
});

describe('infiniteKlSupport', () => {
  it('infiniteKlSupport lists the indices where p_i > 0 and q_i = 0', () => {
    expect(infiniteKlSupport([0.2, 0, 0.3, 0.5], [0, 0, 1, 0])).toEqual([0, 3]);
  });

  it('infiniteKlSupport is empty exactly when klDivergence is finite', () => {
    expect(infiniteKlSupport(P, Q)).toEqual([]);
    expect(infiniteKlSupport([0, 1], [1, 0])).toEqual([1]);
    expect(klDivergence([0, 1], [1, 0])).toBe(Infinity);
  });
});

describe('normalizeWeights', () => {
  it('normalizeWeights([1, 3]) gives probabilities [0.25, 0.75]', () => {
    expect(normalizeWeights([1, 3])).toEqual({ ok: true, probabilities: [0.25, 0.75] });
  });

  it('normalizeWeights keeps zero weights as zero probabilities', () => {
    expect(normalizeWeights([0, 2, 2])).toEqual({ ok: true, probabilities: [0, 0.5, 0.5] });
  });

  it('normalizeWeights rejects an empty list', () => {
    expect(normalizeWeights([])).toEqual({ ok: false, error: 'Enter at least one weight.' });
  });

  it('normalizeWeights names the NaN, infinite or negative entry in its message', () => {
    const nan = normalizeWeights([1, NaN]);
    expect(nan.ok).toBe(false);
    if (!nan.ok) expect(nan.error).toMatch(/index 1 .*NaN/);
    const inf = normalizeWeights([Infinity, 1]);
    if (!inf.ok) expect(inf.error).toMatch(/index 0 .*Infinity/);
    expect(inf.ok).toBe(false);
    const negative = normalizeWeights([1, 2, -0.5]);
    if (!negative.ok) expect(negative.error).toMatch(/index 2 is negative \(-0\.5\)/);
    expect(negative.ok).toBe(false);
  });

  it('normalizeWeights rejects weights that sum to 0', () => {
    const result = normalizeWeights([0, 0]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/sum to 0/);
  });
});

describe('units', () => {
  it('NATS_PER_BIT is ln 2', () => {
    expect(NATS_PER_BIT).toBe(Math.LN2);
  });

  it('toUnit(ln 2, "bits") is 1 and toUnit(x, "nats") is x', () => {
    expect(toUnit(Math.LN2, 'bits')).toBe(1);
    expect(toUnit(0.123, 'nats')).toBe(0.123);
  });

  it('toUnit keeps Infinity and NaN', () => {
    expect(toUnit(Infinity, 'bits')).toBe(Infinity);
    expect(toUnit(NaN, 'bits')).toBeNaN();
  });
});
