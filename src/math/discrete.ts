/**
 * Entropy, cross-entropy and KL divergence of discrete distributions given as probability vectors,
 * in nats, with the conventions 0 ln 0 = 0 and p ln(p/0) = +Infinity for p > 0 (Cover & Thomas 2006, §2.3).
 * NaN entries propagate to a NaN result; vectors of different lengths throw a RangeError.
 */

/** Result of {@link normalizeWeights}: probabilities p_i = w_i / sum_j w_j, or an English error message. */
export type NormalizeResult =
  | { ok: true; probabilities: number[] }
  | { ok: false; error: string };

/** p_i = w_i / sum_j w_j; rejects an empty list, NaN, infinite or negative entries, and a zero total. */
export function normalizeWeights(weights: readonly number[]): NormalizeResult {
  if (weights.length === 0) return { ok: false, error: 'Enter at least one weight.' };
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (Number.isNaN(w)) return { ok: false, error: `Weight at index ${i} is not a number (NaN).` };
    if (!Number.isFinite(w)) return { ok: false, error: `Weight at index ${i} is not finite (${w}).` };
    if (w < 0) return { ok: false, error: `Weight at index ${i} is negative (${w}); weights must be >= 0.` };
    total += w;
  }
  if (total === 0) return { ok: false, error: 'The weights sum to 0; at least one weight must be positive.' };
  return { ok: true, probabilities: weights.map((w) => w / total) };
}

function assertSameLength(p: readonly number[], q: readonly number[]): void {
  if (p.length !== q.length) {
    throw new RangeError(`The distributions have different lengths (${p.length} and ${q.length}).`);
  }
}

/** Shannon entropy H(p) = -sum_i p_i ln p_i in nats, with 0 ln 0 = 0 (Cover & Thomas eq. 2.1). */
export function entropy(p: readonly number[]): number {
  let sum = 0;
  for (const pi of p) {
    if (pi !== 0) sum -= pi * Math.log(pi);
  }
  return sum;
}

/** Cross-entropy H(p, q) = -sum_i p_i ln q_i in nats; +Infinity if q_i = 0 < p_i; terms with p_i = 0 are 0. */
export function crossEntropy(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi !== 0) sum -= pi * Math.log(q[i]!);
  }
  return sum;
}

/** KL(p || q) = sum_i p_i ln(p_i / q_i) in nats (MATH_NOTES B1.1); +Infinity unless p << q; 0 iff p = q; never < 0. */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0 && !Number.isNaN(qi)) continue;
    if (qi === 0 && pi > 0) return Infinity;
    // The ratio form gives exactly ln 1 = 0 when p_i = q_i, so KL(p || p) is exactly 0.
    sum += pi * Math.log(pi / qi);
  }
  // Gibbs' inequality makes KL >= 0; a tiny negative sum is rounding. NaN < 0 is false, so NaN survives.
  return sum < 0 ? 0 : sum;
}

/** Indices i with p_i > 0 and q_i = 0: the support where p is not absolutely continuous wrt q (KL = +Infinity). */
export function infiniteKlSupport(p: readonly number[], q: readonly number[]): number[] {
  assertSameLength(p, q);
  const indices: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i]! > 0 && q[i] === 0) indices.push(i);
  }
  return indices;
}

/** Nats in one bit: 1 bit = ln 2 nats ≈ 0.693147. */
export const NATS_PER_BIT = Math.LN2;

/** Converts a value in nats to the given unit: bits = nats / ln 2. */
export function toUnit(valueNats: number, unit: 'nats' | 'bits'): number {
  return unit === 'bits' ? valueNats / NATS_PER_BIT : valueNats;
}
