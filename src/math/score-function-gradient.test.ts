import { describe, expect, it } from 'vitest';
import { exactElbo, logJoint, summarize } from './conjugate-gaussian';
import { gaussianLogPdf } from './gaussian';
import { gaussianSamples, createRng, standardNormals } from './random';
import { reparamGradientMoments } from './reparam-gradient';
import {
  BASELINE_KINDS, baselineValue, exactMeanGradient, gradientDraws, logWeightQuadratic, measureSpread, reparamVariance, scoreFunctionVariance,
} from './score-function-gradient';
import { iwaeBound, logMeanExp } from './iwae';
import { logEvidence } from './conjugate-gaussian';

const data = summarize(gaussianSamples(3, 20, 1, 1));
const prior = { noiseSd: 1, priorMean: 0, priorSd: 1 };
const q = { mean: 0.3, stdDev: 0.4 };
const w = logWeightQuadratic(q, data, prior);

describe('the log-weight as a quadratic in eps', () => {
  it('a0 + a1 eps + a2 eps^2 = ln p(X, z) - ln q(z) at z = m + s eps, and its mean is the ELBO', () => {
    for (const eps of [-2, -0.3, 0, 1.1, 2.5]) {
      const z = q.mean + q.stdDev * eps;
      expect(w.a0 + w.a1 * eps + w.a2 * eps * eps).toBeCloseTo(logJoint(z, data, prior) - gaussianLogPdf(z, q.mean, q.stdDev), 10);
    }
    expect(w.a0 + w.a2).toBeCloseTo(exactElbo(q, data, prior), 10);
  });
});

describe('score-function vs reparameterised gradient', () => {
  const draws = 200_000;
  const eps = standardNormals(createRng(9), draws);

  for (const kind of BASELINE_KINDS) {
    it(`baseline ${kind}: the score-function mean is the exact gradient and its variance the closed form (Monte Carlo, 200k draws)`, () => {
      const b = baselineValue(kind, w);
      const values = Array.from(eps, (e) => gradientDraws(w, q, e, b).scoreFunction);
      const mean = values.reduce((a, v) => a + v, 0) / draws;
      const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (draws - 1);
      const exactVar = scoreFunctionVariance(w, q, b);
      expect(Math.abs(mean - exactMeanGradient(w, q))).toBeLessThan(4 * Math.sqrt(exactVar / draws));
      expect(variance / exactVar).toBeGreaterThan(0.95);
      expect(variance / exactVar).toBeLessThan(1.05);
    });
  }

  it('the reparameterised variance P^2 s^2 agrees with reparam-gradient.ts and with Monte Carlo', () => {
    expect(Math.sqrt(reparamVariance(w, q))).toBeCloseTo(reparamGradientMoments(q, data, prior, 1).stdDev[0], 12);
    const values = Array.from(eps, (e) => gradientDraws(w, q, e, 0).reparam);
    const mean = values.reduce((a, v) => a + v, 0) / draws;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (draws - 1);
    expect(variance / reparamVariance(w, q)).toBeCloseTo(1, 1);
  });

  it('the optimal baseline a0 + 3 a2 minimises the variance, and even then the reparameterised estimator is lower here', () => {
    const best = scoreFunctionVariance(w, q, baselineValue('optimal', w));
    for (const offset of [-1, -0.1, 0.1, 1]) expect(scoreFunctionVariance(w, q, baselineValue('optimal', w) + offset)).toBeGreaterThan(best);
    expect(best).toBeCloseTo((2 * w.a1 ** 2 + 6 * w.a2 ** 2) / q.stdDev ** 2, 10);
    expect(scoreFunctionVariance(w, q, 0)).toBeGreaterThan(10 * best);
    expect(reparamVariance(w, q)).toBeLessThan(best);
  });
});

describe('the importance-weighted bound', () => {
  it('logMeanExp is ln of the mean of exp, stable for large logs', () => {
    expect(logMeanExp([0, Math.log(3)])).toBeCloseTo(Math.log(2), 14);
    expect(logMeanExp([-1000, -1000])).toBeCloseTo(-1000, 10);
  });

  it('L_1 is the ELBO, L_K increases with K (each step by more than 3 s.e.) and stays below ln p(X)', () => {
    const evidence = logEvidence(data, prior);
    const ks = [1, 2, 5, 20, 100, 1000];
    const bounds = ks.map((k, i) => iwaeBound(w, k, 4000, 11 + i));
    expect(Math.abs(bounds[0]!.mean - exactElbo(q, data, prior))).toBeLessThan(4 * bounds[0]!.stdErr);
    for (let i = 1; i < ks.length; i++) {
      const gain = bounds[i]!.mean - bounds[i - 1]!.mean;
      expect(gain).toBeGreaterThan(3 * Math.hypot(bounds[i]!.stdErr, bounds[i - 1]!.stdErr));
      expect(bounds[i]!.mean).toBeLessThan(evidence + 4 * bounds[i]!.stdErr);
    }
    expect(evidence - bounds[ks.length - 1]!.mean).toBeLessThan(0.05);
  });

  it('at q = p(z|X) every weight equals p(X): L_K = ln p(X) for every K', () => {
    const exact = logWeightQuadratic({ mean: w.posteriorMean, stdDev: 1 / Math.sqrt(w.precision) }, data, prior);
    for (const k of [1, 10]) expect(iwaeBound(exact, k, 10, 1).mean).toBeCloseTo(logEvidence(data, prior), 10);
    expect(() => iwaeBound(w, 0, 10, 1)).toThrow(RangeError);
  });
});

describe('measureSpread', () => {
  it('measured sds follow sqrt(Var/M) within 15% with 2000 repetitions, and fall by 10 from M = 1 to 100', () => {
    const rows = measureSpread(w, q, baselineValue('elbo', w), [1, 100], 2000, 5);
    for (const row of rows) {
      expect(row.scoreFunction / row.scoreFunctionExact).toBeGreaterThan(0.85);
      expect(row.scoreFunction / row.scoreFunctionExact).toBeLessThan(1.15);
      expect(row.reparam / row.reparamExact).toBeGreaterThan(0.9);
      expect(row.reparam / row.reparamExact).toBeLessThan(1.1);
    }
    expect(rows[0]!.scoreFunctionExact / rows[1]!.scoreFunctionExact).toBeCloseTo(10, 10);
  });
});
