/**
 * The Monte-Carlo tolerance rule, simulated: how often does a CORRECT step fail? The rule
 * (check.ts: 6 standard errors, n >= 200) must keep this at most 1 in 10,000 evaluations at every
 * slider setting. Seeded, so the counts are the same on every run: this test cannot fail by chance.
 */
import { describe, expect, it } from 'vitest';
import { checkPair, MIN_SAMPLE_SIZE, STD_ERR_MULTIPLE } from './check';
import { concreteScoreModel } from './concrete-score';
import { createRng, standardNormals } from '../math/random';
import { meanAndStdErr } from '../math/stats';
import type { Estimate, Tf } from './types';

const TARGET_RATE = 1e-4;

/**
 * The failure rate of `closed form = sample mean ± s.e.` when the integrand is a squared Gaussian
 * (chi-squared with 1 degree of freedom, the most skewed quadratic form of Gaussian draws: the KL,
 * ISM, DSM, SSM and ELBO integrands are quadratic forms), n draws each.
 */
function chiSquaredFalseAlarms(n: number, replicates: number, seed: number): number {
  return falseAlarms(n, replicates, seed, 1, (z) => z * z);
}

/**
 * The same for the NLL integrand of the mixture derivation at its most skewed corner: (x - 3)^2
 * for x from 0.1 N(-3, 1) + 0.9 N(3, 1), a rare far mode (mean 0.1 (1 + 36) + 0.9 (1 + 0) = 4.6).
 */
function mixtureFalseAlarms(n: number, replicates: number, seed: number): number {
  const mode = createRng(seed + 1);
  return falseAlarms(n, replicates, seed, 0.1 * 37 + 0.9, (z) => (mode() < 0.1 ? (z - 6) ** 2 : z * z));
}

function falseAlarms(n: number, replicates: number, seed: number, exact: number, term: (z: number) => number): number {
  const rng = createRng(seed);
  const values = new Float64Array(n);
  let failures = 0;
  for (let r = 0; r < replicates; r += 1) {
    const z = standardNormals(rng, n);
    for (let i = 0; i < n; i += 1) values[i] = term(z[i]);
    const { mean, stdErr } = meanAndStdErr(values);
    if (!checkPair('eq', { value: exact }, { value: mean, stdErr }).holds) failures += 1;
  }
  return failures / replicates;
}

describe('the Monte-Carlo tolerance rule: false alarms', () => {
  it(`a correct chi-squared step fails at most 1 in 10,000 times at the smallest n = ${MIN_SAMPLE_SIZE} (${STD_ERR_MULTIPLE} s.e.)`, () => {
    const rate = chiSquaredFalseAlarms(MIN_SAMPLE_SIZE, 100_000, 11);
    console.log(`false-alarm rate, chi-squared(1) integrand, n = ${MIN_SAMPLE_SIZE}: ${rate} (100,000 samples)`);
    expect(rate).toBeLessThanOrEqual(TARGET_RATE);
  });

  it(`a correct step with a rare far mode (mixture NLL) fails at most 1 in 10,000 times at n = ${MIN_SAMPLE_SIZE}`, () => {
    const rate = mixtureFalseAlarms(MIN_SAMPLE_SIZE, 50_000, 21);
    console.log(`false-alarm rate, mixture NLL integrand, n = ${MIN_SAMPLE_SIZE}: ${rate} (50,000 samples)`);
    expect(rate).toBeLessThanOrEqual(TARGET_RATE);
  });

  it('and at the default n = 2000', () => {
    const rate = chiSquaredFalseAlarms(2000, 10_000, 12);
    console.log(`false-alarm rate, chi-squared(1) integrand, n = 2000: ${rate} (10,000 samples)`);
    expect(rate).toBeLessThanOrEqual(TARGET_RATE);
  });

  it('the old rule (4 s.e., n = 10) failed a correct step about 1 time in 20', () => {
    const rng = createRng(13);
    let failures = 0;
    const replicates = 20_000;
    for (let r = 0; r < replicates; r += 1) {
      const z = standardNormals(rng, 10);
      const { mean, stdErr } = meanAndStdErr(Array.from(z, (x) => x * x));
      if (Math.abs(mean - 1) > 1e-5 + 1e-4 + 4 * stdErr) failures += 1;
    }
    expect(failures / replicates).toBeGreaterThan(0.03);
  });

  it(`the concrete score-matching step never fails at n = ${MIN_SAMPLE_SIZE} on 4 x 4000 samples, extreme settings included (with the estimated s.e. it failed 4 times in 10 at w = 0.9, mu = 0, sigma = 1)`, () => {
    const tf = {} as Tf;
    for (const params of [{ w: 0.6, mu: 7.5, sigma: 4 }, { w: 0.1, mu: 0, sigma: 1 }, { w: 0.9, mu: 0, sigma: 1 }, { w: 0.9, mu: 15, sigma: 1 }]) {
      const exact = concreteScoreModel.evaluators.implicit(tf, concreteScoreModel.prepare(tf, params, { seed: 1, n: 2 }), params) as number;
      let failures = 0;
      for (let seed = 1; seed <= 4000; seed += 1) {
        const data = concreteScoreModel.prepare(tf, params, { seed, n: MIN_SAMPLE_SIZE });
        const sample = concreteScoreModel.evaluators.implicitSample(tf, data, params) as Estimate;
        if (!checkPair('eq', { value: exact }, sample).holds) failures += 1;
      }
      expect(failures, JSON.stringify(params)).toBe(0);
    }
  });
});
