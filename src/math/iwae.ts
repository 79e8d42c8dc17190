/**
 * The importance-weighted bound (Burda, Grosse & Salakhutdinov 2016, theorem 1):
 *   L_K = E ln (1/K) sum_k w_k,  w_k = p(X, z_k) / q(z_k),  z_k ~ q iid,
 * with L_1 = ELBO <= L_K <= L_{K+1} <= ln p(X), and L_K -> ln p(X) as K grows when the weights are bounded.
 * Estimated here by R independent groups of K draws, +- the standard error over the groups.
 */
import type { LogWeightQuadratic } from './score-function-gradient';
import { createRng, standardNormals } from './random';
import { meanAndStdErr } from './stats';

/** ln (1/K) sum_k exp(l_k) by log-sum-exp. */
export function logMeanExp(logs: ArrayLike<number>, from = 0, count = logs.length): number {
  let max = -Infinity;
  for (let i = from; i < from + count; i++) max = Math.max(max, logs[i]!);
  if (!Number.isFinite(max)) return max;
  let total = 0;
  for (let i = from; i < from + count; i++) total += Math.exp(logs[i]! - max);
  return max + Math.log(total / count);
}

/** L_K by R groups of K seeded draws eps ~ N(0, 1), ln w = a0 + a1 eps + a2 eps^2; mean +- s.e. */
export function iwaeBound(w: LogWeightQuadratic, k: number, groups: number, seed: number): { mean: number; stdErr: number } {
  if (!Number.isInteger(k) || k < 1 || !Number.isInteger(groups) || groups < 2) {
    throw new RangeError(`Need whole numbers K >= 1 and R >= 2, got K = ${k}, R = ${groups}.`);
  }
  const eps = standardNormals(createRng(seed), k * groups);
  const logs = Float64Array.from(eps, (e) => w.a0 + w.a1 * e + w.a2 * e * e);
  const values = Float64Array.from({ length: groups }, (_, r) => logMeanExp(logs, r * k, k));
  return meanAndStdErr(values);
}
