import { describe, expect, it } from 'vitest';
import {
  caviSweep, exactLogDensity, exactPosterior, logEvidence, meanFieldElbo, meanFieldLogDensity, posteriorVariances,
  runNormalGammaCavi, summarizeSample,
} from './normal-gamma';
import { gaussianSamples } from './random';

const PRIOR = { mu0: 0, lambda0: 1, a0: 2, b0: 2 };
const DATA = summarizeSample([0.8, 1.9, 1.1, 2.6, 0.4]);

/** Midpoint rule of exp(logF(mu, tau)) over a box, summed in a numerically safe way. */
function integrate2d(logF: (mu: number, tau: number) => number, mu: [number, number], tau: [number, number], cells = 600): number {
  const dm = (mu[1] - mu[0]) / cells;
  const dt = (tau[1] - tau[0]) / cells;
  let total = 0;
  for (let i = 0; i < cells; i += 1) {
    for (let j = 0; j < cells; j += 1) total += Math.exp(logF(mu[0] + (i + 0.5) * dm, tau[0] + (j + 0.5) * dt));
  }
  return total * dm * dt;
}

/** ln p(X, mu, tau) from its three factors, term by term. */
function logJoint(x: readonly number[], mu: number, tau: number): number {
  const { mu0, lambda0, a0, b0 } = PRIOR;
  const gaussian = (v: number, m: number, precision: number) => 0.5 * Math.log(precision / (2 * Math.PI)) - 0.5 * precision * (v - m) ** 2;
  let sum = gaussian(mu, mu0, lambda0 * tau);
  for (const v of x) sum += gaussian(v, mu, tau);
  // Gamma(a0, b0): b0^a0 / Gamma(a0) tau^(a0-1) e^(-b0 tau); Gamma(2) = 1.
  return sum + a0 * Math.log(b0) + (a0 - 1) * Math.log(tau) - b0 * tau;
}

describe('Normal-Gamma model of an unknown mean and precision', () => {
  const x = [0.8, 1.9, 1.1, 2.6, 0.4];

  it('ln p(X) matches the integral of the joint over (mu, tau)', () => {
    const evidence = integrate2d((mu, tau) => logJoint(x, mu, tau), [-4, 6], [1e-6, 6]);
    expect(logEvidence(DATA, PRIOR)).toBeCloseTo(Math.log(evidence), 4);
  });

  it('the exact posterior is the normalised joint: density integrates to 1 and equals joint / evidence', () => {
    const post = exactPosterior(DATA, PRIOR);
    expect(integrate2d((mu, tau) => exactLogDensity(post, mu, tau), [-4, 6], [1e-6, 6])).toBeCloseTo(1, 4);
    const logZ = logEvidence(DATA, PRIOR);
    for (const [mu, tau] of [[1, 0.5], [1.5, 1.2], [0, 2]]) expect(exactLogDensity(post, mu, tau)).toBeCloseTo(logJoint(x, mu, tau) - logZ, 10);
  });

  it('the closed-form ELBO equals E_q[ln p(X, mu, tau) - ln q(mu, tau)] by quadrature', () => {
    const q = { mean: 1.2, precision: 3, a: 4, b: 3 };
    // Midpoint rule of q (ln p - ln q), normalised by the quadrature mass of q itself.
    const cells = 800;
    const [mu0, mu1, tau0, tau1] = [-3, 5, 1e-6, 8];
    const dm = (mu1 - mu0) / cells;
    const dt = (tau1 - tau0) / cells;
    let mass = 0;
    let sum = 0;
    for (let i = 0; i < cells; i += 1) {
      for (let j = 0; j < cells; j += 1) {
        const mu = mu0 + (i + 0.5) * dm;
        const tau = tau0 + (j + 0.5) * dt;
        const logQ = meanFieldLogDensity(q, mu, tau);
        const weight = Math.exp(logQ);
        mass += weight;
        if (weight > 0) sum += weight * (logJoint(x, mu, tau) - logQ);
      }
    }
    expect(mass * dm * dt).toBeCloseTo(1, 4);
    expect(meanFieldElbo(q, DATA, PRIOR)).toBeCloseTo(sum / mass, 4);
  });

  it('CAVI never lowers the ELBO, stays below ln p(X), and stops at a fixed point of its updates', () => {
    const path = runNormalGammaCavi(DATA, PRIOR, 0.05, 30);
    const logZ = logEvidence(DATA, PRIOR);
    const elbos = path.map((q) => meanFieldElbo(q, DATA, PRIOR));
    for (let t = 1; t < elbos.length; t += 1) expect(elbos[t]).toBeGreaterThanOrEqual(elbos[t - 1] - 1e-12);
    for (const elbo of elbos) expect(elbo).toBeLessThan(logZ);
    const last = path[path.length - 1];
    const again = caviSweep(DATA, PRIOR, last.a / last.b);
    expect(again.precision).toBeCloseTo(last.precision, 10);
    expect(again.b).toBeCloseTo(last.b, 10);
    expect(again.mean).toBeCloseTo(exactPosterior(DATA, PRIOR).mu, 12);
  });

  it('mean field underestimates the posterior variance of mu, and the gap closes as n grows', () => {
    const ratio = (n: number) => {
      const data = summarizeSample(gaussianSamples(3, n, 1, 0.7));
      const path = runNormalGammaCavi(data, PRIOR, 1, 50);
      const v = posteriorVariances(exactPosterior(data, PRIOR), path[path.length - 1]);
      return v.meanFieldMu / v.exactMu;
    };
    expect(ratio(5)).toBeLessThan(0.95);
    expect(ratio(5000)).toBeGreaterThan(0.99);
    expect(ratio(5000)).toBeLessThan(1);
  });
});
