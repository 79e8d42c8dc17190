import { describe, expect, it } from 'vitest';
import { decreases, eStep, EM_TRACE_LENGTH, emGain, emHalfStep, emIterate, emLatest, emStart, initialTheta, mixtureElbo, mixtureLogLikelihood, mStep, runEm } from './gmm-em';
import { sampleMixture } from './mixture';

const data = Array.from(sampleMixture(11, 300, { weights: [0.3, 0.5, 0.2], means: [-3, 0.5, 4], stdDevs: [0.7, 1, 0.5] }));

describe('EM for a 1-D Gaussian mixture', () => {
  it('never decreases the log-likelihood, for K = 2..5 on a fixed dataset and start', () => {
    for (let K = 2; K <= 5; K++) {
      const history = runEm(data, initialTheta(data, K), 60);
      expect(decreases(history, 1e-12)).toEqual([]);
      expect(history[60]!.logLikelihood).toBeGreaterThan(history[0]!.logLikelihood);
    }
  });

  it('after the E-step the ELBO equals the log-likelihood (KL(q || p(Z|X)) = 0)', () => {
    const history = runEm(data, initialTheta(data, 3), 20);
    for (const h of history) expect(h.elboAfterE).toBeCloseTo(h.logLikelihood, 8);
  });

  it('the M-step raises F, and F(q_t, theta_{t+1}) <= l(theta_{t+1})', () => {
    const history = runEm(data, initialTheta(data, 3), 20);
    for (let t = 0; t < 20; t++) {
      expect(history[t]!.elboAfterM).toBeGreaterThanOrEqual(history[t]!.elboAfterE - 1e-9);
      expect(history[t]!.elboAfterM).toBeLessThanOrEqual(history[t + 1]!.logLikelihood + 1e-9);
    }
  });

  it('for any q, F(q, theta) <= l(theta) (ELBO below the evidence)', () => {
    const theta = initialTheta(data, 2);
    const uniform = data.map(() => [0.5, 0.5]);
    expect(mixtureElbo(data, uniform, theta)).toBeLessThan(mixtureLogLikelihood(data, theta));
  });

  it('the M-step matches the weighted-moment formulas on a hand example', () => {
    const x = [0, 2, 10];
    const r = [[1, 0], [1, 0], [0, 1]];
    const theta = mStep(x, r, { weights: [0.5, 0.5], means: [0, 0], stdDevs: [1, 1] });
    expect(theta.weights).toEqual([2 / 3, 1 / 3]);
    expect(theta.means).toEqual([1, 10]);
    expect(theta.stdDevs[0]).toBeCloseTo(1, 12);
    expect(theta.stdDevs[1]).toBe(1e-3);
    const [r0, r1] = eStep([0], { weights: [0.5, 0.5], means: [-1, 1], stdDevs: [1, 1] })[0]!;
    expect(r0).toBeCloseTo(0.5, 12);
    expect(r1).toBeCloseTo(0.5, 12);
  });

  it('recovers the three clusters of the generating mixture', () => {
    const history = runEm(data, initialTheta(data, 3), 200);
    const means = [...history[200]!.theta.means].sort((a, b) => a - b);
    expect(means[0]).toBeCloseTo(-3, 0);
    expect(means[2]).toBeCloseTo(4, 0);
  });
});

describe('EM one half-step at a time (the EM island)', () => {
  const x = Array.from(sampleMixture(11, 300, { weights: [0.3, 0.5, 0.2], means: [-3, 0.5, 4], stdDevs: [0.7, 1, 0.5] }));

  it('alternates E and M: F touches l after the E-step and l never falls; matches runEm', () => {
    let s = emStart(x, 3);
    expect(s.iteration).toBe(0);
    s = emHalfStep(x, s);
    expect(s.responsibilities).toBeDefined();
    const { logLikelihood, elbo } = emLatest(s);
    expect(elbo).toBeCloseTo(logLikelihood, 8);
    s = emHalfStep(x, s);
    expect(s.iteration).toBe(1);
    expect(s.responsibilities).toBeUndefined();
    const history = runEm(x, initialTheta(x, 3), 20);
    const twenty = emIterate(x, emStart(x, 3), 20);
    expect(emLatest(twenty).logLikelihood).toBeCloseTo(history[20]!.logLikelihood, 9);
    expect(twenty.decreased).toBe(0);
  });

  it('emIterate completes a half-done iteration, stops at the cap, and emGain reports the rise of l', () => {
    const half = emHalfStep(x, emStart(x, 2));
    expect(emIterate(x, half, 1).iteration).toBe(1);
    expect(emIterate(x, emStart(x, 2), 50, 7).iteration).toBe(7);
    const a = emIterate(x, emStart(x, 2), 3);
    const b = emIterate(x, a, 1);
    expect(emGain(x, a, b)).toBeGreaterThanOrEqual(0);
    expect(emGain(x, a, emHalfStep(x, a))).toBe(Infinity);
    expect(emIterate(x, emStart(x, 2), 400).trace.length).toBeLessThanOrEqual(EM_TRACE_LENGTH);
  });
});
