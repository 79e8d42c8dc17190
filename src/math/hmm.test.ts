import { describe, expect, it } from 'vitest';
import {
  caviSweep, checkHmm, enumerateExact, enumerateMeanField, forEachPath, forwardBackward, logJoint,
  meanFieldElbo, meanFieldFactor, runMeanFieldCavi, sampleHmm, symmetricHmm, uniformMarginals,
} from './hmm';
import type { Hmm, Marginals } from './hmm';

/** An asymmetric 3-state, 2-symbol HMM, so that no test passes by symmetry. */
const general: Hmm = {
  initial: [0.5, 0.3, 0.2],
  transition: [[0.8, 0.15, 0.05], [0.1, 0.7, 0.2], [0.25, 0.25, 0.5]],
  emission: [[0.9, 0.1], [0.3, 0.7], [0.55, 0.45]],
};
const shortSequence = [0, 1, 1, 0, 1, 0];

function expectRowsSumToOne(rows: readonly (readonly number[])[]) {
  for (const row of rows) expect(row.reduce((sum, v) => sum + v, 0)).toBeCloseTo(1, 12);
}

describe('HMM inference', () => {
  it('symmetricHmm(K = 3, M = 2, stay 0.9, accuracy 0.8) has the stated rows', () => {
    const hmm = symmetricHmm({ states: 3, symbols: 2, stay: 0.9, accuracy: 0.8 });
    expect(hmm.transition[1]).toEqual([0.05, 0.9, 0.05].map((v) => expect.closeTo(v, 15)));
    expect(hmm.emission[2]).toEqual([0.8, expect.closeTo(0.2, 15)]);
    expect(() => checkHmm(hmm)).not.toThrow();
    expect(() => symmetricHmm({ states: 2, symbols: 2, stay: 1, accuracy: 0.8 })).toThrow(RangeError);
  });

  it('checkHmm refuses rows that do not sum to 1, zeros and NaN', () => {
    expect(() => checkHmm({ ...general, initial: [0.5, 0.3, 0.3] })).toThrow(/sum to 1/);
    expect(() => checkHmm({ ...general, initial: [0.8, 0.2, 0] })).toThrow(/> 0/);
    expect(() => checkHmm({ ...general, emission: [[NaN, 1], [0.5, 0.5], [0.5, 0.5]] })).toThrow(RangeError);
    expect(() => forwardBackward(general, [0, 2])).toThrow(/0\.\.1/);
  });

  it('forEachPath visits all K^T paths once', () => {
    const seen = new Set<string>();
    forEachPath(3, 4, (path) => seen.add(path.join('')));
    expect(seen.size).toBe(81);
  });

  it('forward-backward marginals sum to 1 and match enumeration over all 3^6 paths', () => {
    const exact = forwardBackward(general, shortSequence);
    const brute = enumerateExact(general, shortSequence);
    expectRowsSumToOne(exact.marginals);
    expectRowsSumToOne(brute.marginals);
    exact.marginals.forEach((row, t) => row.forEach((p, k) => expect(p).toBeCloseTo(brute.marginals[t]![k]!, 12)));
  });

  it('ln p(X) by the forward algorithm matches ln sum_Z p(X, Z) by enumeration', () => {
    const exact = forwardBackward(general, shortSequence);
    const brute = enumerateExact(general, shortSequence);
    expect(exact.logEvidence).toBeCloseTo(brute.logEvidence, 12);
    // One step by hand: p(x_1 = 0) = sum_k pi_k B[k][0].
    expect(forwardBackward(general, [0]).logEvidence).toBeCloseTo(Math.log(0.5 * 0.9 + 0.3 * 0.3 + 0.2 * 0.55), 14);
  });

  it('the scaling keeps ln p(X) finite for T = 2000 (unscaled alphas would underflow)', () => {
    const hmm = symmetricHmm({ states: 2, symbols: 2, stay: 0.95, accuracy: 0.7 });
    const { observations } = sampleHmm(hmm, 2000, 4);
    const { logEvidence, marginals } = forwardBackward(hmm, observations);
    expect(Number.isFinite(logEvidence)).toBe(true);
    expect(logEvidence).toBeLessThan(-2000 * 0.3);
    expectRowsSumToOne(marginals);
  });

  it('logJoint adds ln pi, ln A and ln B along the path', () => {
    // pi_1 B[1][1], A[1][1] B[1][1], A[1][2] B[2][1]
    const expected = Math.log(0.3 * 0.7) + Math.log(0.7 * 0.7) + Math.log(0.2 * 0.45);
    expect(logJoint(general, [1, 1, 2], [1, 1, 1])).toBeCloseTo(expected, 14);
  });

  it('sampleHmm is deterministic per seed and uses every state of a mixing chain', () => {
    const hmm = symmetricHmm({ states: 3, symbols: 4, stay: 0.6, accuracy: 0.7 });
    const a = sampleHmm(hmm, 200, 9);
    expect(sampleHmm(hmm, 200, 9)).toEqual(a);
    expect(sampleHmm(hmm, 200, 10)).not.toEqual(a);
    expect(new Set(a.states).size).toBe(3);
    expect(new Set(a.observations).size).toBe(4);
  });
});

describe('mean-field CAVI over time', () => {
  const run = runMeanFieldCavi(general, shortSequence, 30);

  it('ELBO <= ln p(X) at every sweep, and ln p(X) - ELBO = KL(q || p(Z | X)) by enumeration', () => {
    const { logEvidence } = forwardBackward(general, shortSequence);
    run.factors.forEach((q, s) => {
      const elbo = run.elbos[s]!;
      expect(elbo).toBeLessThanOrEqual(logEvidence);
      const brute = enumerateMeanField(general, shortSequence, q);
      expect(brute.elbo).toBeCloseTo(elbo, 12);
      expect(brute.kl).toBeGreaterThan(0);
      expect(brute.kl).toBeCloseTo(logEvidence - elbo, 12);
    });
  });

  it('the ELBO never decreases, neither per sweep nor per single-factor update', () => {
    for (let s = 1; s < run.elbos.length; s++) expect(run.elbos[s]!).toBeGreaterThanOrEqual(run.elbos[s - 1]! - 1e-12);
    let q = uniformMarginals(shortSequence.length, 3);
    let previous = meanFieldElbo(general, shortSequence, q);
    for (let sweep = 0; sweep < 3; sweep++) {
      for (let t = 0; t < shortSequence.length; t++) {
        q = q.map((row, i) => (i === t ? meanFieldFactor(general, shortSequence, q, t) : row));
        const elbo = meanFieldElbo(general, shortSequence, q);
        expect(elbo).toBeGreaterThanOrEqual(previous - 1e-12);
        previous = elbo;
      }
    }
  });

  it('the fixed point satisfies its update equations, and each update maximises the ELBO in q_t', () => {
    const q = run.factors[run.factors.length - 1]!;
    expectRowsSumToOne(q);
    for (let t = 0; t < shortSequence.length; t++) {
      meanFieldFactor(general, shortSequence, q, t).forEach((p, k) => expect(p).toBeCloseTo(q[t]![k]!, 10));
    }
    expect(caviSweep(general, shortSequence, q).flat()).toEqual(q.flat().map((v) => expect.closeTo(v, 10)));
    // Any other q_3 (the others fixed) gives a lower ELBO.
    const best = meanFieldElbo(general, shortSequence, q);
    for (const other of [[1 / 3, 1 / 3, 1 / 3], [0.9, 0.05, 0.05], [0.05, 0.05, 0.9]]) {
      expect(meanFieldElbo(general, shortSequence, q.map((row, t) => (t === 3 ? other : row)))).toBeLessThan(best);
    }
  });

  it('mean field is overconfident for a sticky chain: its marginals are more extreme than the exact ones', () => {
    const hmm = symmetricHmm({ states: 2, symbols: 2, stay: 0.95, accuracy: 0.65 });
    const sequence = [0, 0, 1, 0, 0, 1, 1, 0];
    const exact = forwardBackward(hmm, sequence).marginals;
    const { factors } = runMeanFieldCavi(hmm, sequence, 50);
    const q = factors[factors.length - 1]!;
    const certainty = (rows: Marginals) => rows.reduce((sum, row) => sum + Math.abs(row[0]! - 0.5), 0);
    expect(certainty(q)).toBeGreaterThan(certainty(exact));
  });

  it('CAVI finds only a local maximum: for a very sticky chain, started from the exact marginals it ends far higher than from uniform', () => {
    const hmm = symmetricHmm({ states: 2, symbols: 2, stay: 0.99, accuracy: 0.75 });
    const { observations } = sampleHmm(hmm, 24, 1);
    const exact = forwardBackward(hmm, observations);
    const fromUniform = runMeanFieldCavi(hmm, observations, 30);
    const fromExact = runMeanFieldCavi(hmm, observations, 30, exact.marginals);
    const last = (elbos: number[]) => elbos[elbos.length - 1]!;
    // The island's example: from uniform the whole sequence locks into state 1, about 6.9 nats below ln p(X).
    expect(exact.logEvidence - last(fromUniform.elbos)).toBeCloseTo(6.904, 3);
    expect(fromUniform.factors[30]!.every((row) => row[0]! > 0.99)).toBe(true);
    expect(last(fromExact.elbos)).toBeGreaterThan(last(fromUniform.elbos) + 5);
    expect(last(fromExact.elbos)).toBeLessThanOrEqual(exact.logEvidence);
  });

  it('a single time step has no neighbours: one update gives the exact posterior and ELBO = ln p(X)', () => {
    const { factors, elbos } = runMeanFieldCavi(general, [1], 1);
    const exact = forwardBackward(general, [1]);
    factors[1]![0]!.forEach((p, k) => expect(p).toBeCloseTo(exact.marginals[0]![k]!, 14));
    expect(elbos[1]).toBeCloseTo(exact.logEvidence, 14);
  });
});
