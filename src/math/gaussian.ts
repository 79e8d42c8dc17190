/**
 * Closed forms for univariate Gaussians N(mu, sigma^2), in nats. A negative or NaN stdDev gives NaN.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln N(x; mu, sigma^2) = -(x - mu)^2 / (2 sigma^2) - ln sigma - (1/2) ln(2 pi); NaN unless sigma > 0. */
export function gaussianLogPdf(x: number, mean: number, stdDev: number): number {
  if (!(stdDev > 0)) return NaN;
  const z = (x - mean) / stdDev;
  return -0.5 * z * z - Math.log(stdDev) - HALF_LOG_TWO_PI;
}

/** KL(N1 || N2) = ln(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2 in nats (MATH_NOTES B1.6); point masses give 0 or +Infinity. */
export function gaussianKl(mean1: number, stdDev1: number, mean2: number, stdDev2: number): number {
  if (!(stdDev1 >= 0) || !(stdDev2 >= 0) || Number.isNaN(mean1) || Number.isNaN(mean2)) return NaN;
  if (stdDev1 === 0 || stdDev2 === 0) {
    // A point mass has no density: KL is finite only between identical point masses.
    return stdDev1 === 0 && stdDev2 === 0 && mean1 === mean2 ? 0 : Infinity;
  }
  const kl = gaussianKlFormula(mean1, stdDev1, mean2, stdDev2);
  // KL >= 0 (Gibbs); a tiny negative value is rounding.
  return kl < 0 ? 0 : kl;
}

/**
 * The closed form ln(s2/s1) + (s1^2 + (m1 - m2)^2)/(2 s2^2) - 1/2 as it stands, without clamping
 * rounding below 0: for checks of "KL >= 0", which a clamped value would pass by construction.
 */
export function gaussianKlFormula(mean1: number, stdDev1: number, mean2: number, stdDev2: number): number {
  const diff = mean1 - mean2;
  return Math.log(stdDev2 / stdDev1) + (stdDev1 * stdDev1 + diff * diff) / (2 * stdDev2 * stdDev2) - 0.5;
}

/** Differential entropy H(N(mu, sigma^2)) = (1/2) ln(2 pi e sigma^2) in nats (Cover & Thomas eq. 8.9). */
export function gaussianEntropy(stdDev: number): number {
  if (!(stdDev >= 0)) return NaN;
  return 0.5 + HALF_LOG_TWO_PI + Math.log(stdDev);
}

/** H(N1, N2) = -E_N1 ln N2 = (1/2) ln(2 pi s2^2) + (s1^2 + (m1 - m2)^2) / (2 s2^2) = H(N1) + KL(N1 || N2). */
export function gaussianCrossEntropy(mean1: number, stdDev1: number, mean2: number, stdDev2: number): number {
  if (!(stdDev1 >= 0) || !(stdDev2 > 0)) return NaN;
  const diff = mean1 - mean2;
  return HALF_LOG_TWO_PI + Math.log(stdDev2) + (stdDev1 * stdDev1 + diff * diff) / (2 * stdDev2 * stdDev2);
}
