/**
 * Special functions for conjugate Bayesian models: ln Gamma and the digamma function psi = (ln Gamma)'.
 */

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed., section 6.1; ~15 significant digits).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x > 0 (Lanczos, g = 7); reflection for 0 < x < 0.5. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i += 1) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * digamma psi(x) = d ln Gamma(x) / dx for x > 0: the recurrence psi(x) = psi(x + 1) - 1/x up to
 * x >= 10, then the asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k) (Abramowitz & Stegun 6.3.18).
 */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`digamma needs x > 0, got ${x}`);
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return shift + Math.log(y) - 0.5 / y - series;
}
