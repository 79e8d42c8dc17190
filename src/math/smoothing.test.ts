import { describe, expect, it } from 'vitest';
import { fisherDivergence, mixtureScore, smoothMixture, smoothedKl, smoothedKlRate } from './smoothing';
import { mixtureLogPdf, twoComponentMixture, type GaussianMixture } from './mixture';
import { gaussianKl } from './gaussian';

const gaussian = (mean: number, stdDev: number): GaussianMixture => ({ weights: [1], means: [mean], stdDevs: [stdDev] });

describe('smoothing', () => {
  it('adds t to every variance and rejects negative t', () => {
    expect(smoothMixture(gaussian(1, 0.6), 0.64).stdDevs[0]).toBeCloseTo(1, 15);
    expect(() => smoothMixture(gaussian(0, 1), -0.1)).toThrow(RangeError);
  });

  it('mixtureScore is the derivative of mixtureLogPdf (central difference)', () => {
    const p = twoComponentMixture(3, 0.7, 0.6);
    for (const x of [-4, -1.5, 0, 0.3, 2, 5]) {
      const h = 1e-5;
      const numeric = (mixtureLogPdf(p, x + h) - mixtureLogPdf(p, x - h)) / (2 * h);
      expect(mixtureScore(p, x)).toBeCloseTo(numeric, 6);
    }
    expect(mixtureScore(gaussian(1, 2), 3)).toBeCloseTo(-0.5, 15);
  });

  it('Gaussian pair: KL(p_t||q_t) and its rate match the closed forms, and the rate is minus the Fisher divergence F = 1/2 E(s_p - s_q)^2', () => {
    const [m1, s1, m2, s2] = [0.5, 0.8, -1, 1.5];
    for (const t of [0, 0.3, 2]) {
      const a = s1 * s1 + t;
      const b = s2 * s2 + t;
      const delta = m1 - m2;
      expect(smoothedKl(gaussian(m1, s1), gaussian(m2, s2), t)).toBeCloseTo(gaussianKl(m1, Math.sqrt(a), m2, Math.sqrt(b)), 10);
      // d/dt KL = -1/2 [ (a - b)^2 / (a b^2) + delta^2 / b^2 ], derived by hand from the closed form.
      const rate = -0.5 * ((a - b) ** 2 / (a * b * b) + (delta * delta) / (b * b));
      // F = 1/2 E_p (s_p - s_q)^2, with the 1/2 of chapter 3's J_ESM (one definition for the course).
      const fisher = 0.5 * (a * (1 / b - 1 / a) ** 2 + (delta * delta) / (b * b));
      expect(rate).toBeCloseTo(-fisher, 10);
      expect(fisherDivergence(smoothMixture(gaussian(m1, s1), t), smoothMixture(gaussian(m2, s2), t))).toBeCloseTo(fisher, 10);
      expect(smoothedKlRate(gaussian(m1, s1), gaussian(m2, s2), t)).toBeCloseTo(rate, 6);
    }
  });

  it('mixture vs Gaussian: d/dt KL(p_t || q_t) = -F(p_t || q_t) at several settings', () => {
    for (const [d, mu, s, t] of [[3, 0, 1, 0.2], [5, 1, 0.5, 0], [1, -2, 2.5, 3]]) {
      const p = twoComponentMixture(d, 0.7, 0.6);
      const q = gaussian(mu, s);
      const rate = smoothedKlRate(p, q, t);
      const fisher = fisherDivergence(smoothMixture(p, t), smoothMixture(q, t));
      expect(rate).toBeLessThan(0);
      // Relative 1e-6: the second-order difference of step 1e-4 on a rate that reaches -74 at t = 0.
      expect(Math.abs(rate + fisher)).toBeLessThan(1e-8 + 1e-6 * Math.abs(rate));
    }
  });

  it('the rate is 0 when q = p (a test that could fail: a wrong sign or factor would show)', () => {
    const p = twoComponentMixture(3, 0.7, 0.6);
    expect(Math.abs(smoothedKlRate(p, p, 0.5))).toBeLessThan(1e-9);
    expect(fisherDivergence(p, p)).toBe(0);
  });
});
