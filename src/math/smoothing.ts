/**
 * Score matching as the rate of change of the KL divergence under Gaussian smoothing (Lyu 2009,
 * "Interpretation and generalization of score matching"): with p_t = p * N(0, t) and q_t = q * N(0, t),
 *
 *   d/dt KL(p_t || q_t) = -1/2 E_{p_t} (d/dx ln p_t - d/dx ln q_t)^2,
 *
 * minus the Fisher divergence F(p_t || q_t) = 1/2 E_{p_t}(...)^2 (the course's one definition, with
 * the 1/2, equal to the explicit score-matching objective J_ESM), the quantity explicit score matching minimises. Here p and
 * q are 1-D Gaussian mixtures, so smoothing stays in closed form (each variance grows by t) and every
 * integral is a float64 Simpson sum.
 */
import { integrationRange, integrate, klByQuadrature } from './quadrature.ts';
import { mixtureLogPdf, type GaussianMixture } from './mixture.ts';
import { gaussianLogPdf } from './gaussian.ts';

/** p * N(0, t): the same weights and means, every variance sigma_k^2 + t (t >= 0). */
export function smoothMixture(mixture: GaussianMixture, t: number): GaussianMixture {
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`The smoothing variance t must be finite and >= 0, got ${t}.`);
  return { ...mixture, stdDevs: mixture.stdDevs.map((s) => Math.sqrt(s * s + t)) };
}

/** The score d/dx ln p(x) = sum_k r_k(x) (mu_k - x) / sigma_k^2, with responsibilities r_k computed stably. */
export function mixtureScore(mixture: GaussianMixture, x: number): number {
  const { weights, means, stdDevs } = mixture;
  const logTerms = weights.map((w, k) => (w === 0 ? -Infinity : Math.log(w) + gaussianLogPdf(x, means[k]!, stdDevs[k]!)));
  const max = Math.max(...logTerms);
  let total = 0;
  let weighted = 0;
  logTerms.forEach((term, k) => {
    const r = Math.exp(term - max);
    total += r;
    weighted += (r * (means[k]! - x)) / (stdDevs[k]! * stdDevs[k]!);
  });
  return weighted / total;
}

/** One range wide enough for both densities (10 standard deviations of every component). */
function jointRange(p: GaussianMixture, q: GaussianMixture): [number, number] {
  const [a1, b1] = integrationRange(p);
  const [a2, b2] = integrationRange(q);
  return [Math.min(a1, a2), Math.max(b1, b2)];
}

const INTERVALS = 6000;

/** KL(p_t || q_t) by quadrature. */
export function smoothedKl(p: GaussianMixture, q: GaussianMixture, t: number): number {
  const pt = smoothMixture(p, t);
  const qt = smoothMixture(q, t);
  // The range is fixed by the unsmoothed pair widened by t, so nearby t share one grid.
  const [lower, upper] = jointRange(smoothMixture(p, t + 0.01), smoothMixture(q, t + 0.01));
  return klByQuadrature((x) => mixtureLogPdf(pt, x), (x) => mixtureLogPdf(qt, x), lower, upper, INTERVALS);
}

/**
 * d/dt KL(p_t || q_t) by a second-order difference of step h on the quadrature values: central where
 * t >= h, one-sided (-3 f(t) + 4 f(t + h) - f(t + 2h)) / 2h near t = 0, where p_{t-h} does not exist.
 */
export function smoothedKlRate(p: GaussianMixture, q: GaussianMixture, t: number, h = 1e-4): number {
  const kl = (s: number) => smoothedKl(p, q, s);
  if (t >= h) return (kl(t + h) - kl(t - h)) / (2 * h);
  return (-3 * kl(t) + 4 * kl(t + h) - kl(t + 2 * h)) / (2 * h);
}

/** Fisher divergence F(p || q) = 1/2 E_p (s_p - s_q)^2 by quadrature: the explicit score-matching objective J_ESM of chapter 3. */
export function fisherDivergence(p: GaussianMixture, q: GaussianMixture): number {
  const [lower, upper] = jointRange(p, q);
  return integrate(
    (x) => {
      const density = Math.exp(mixtureLogPdf(p, x));
      if (density === 0) return 0;
      const gap = mixtureScore(p, x) - mixtureScore(q, x);
      return 0.5 * density * gap * gap;
    },
    lower,
    upper,
    INTERVALS,
  );
}
