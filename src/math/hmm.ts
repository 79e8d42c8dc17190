/**
 * Discrete hidden Markov models with known parameters: sampling, exact inference by scaled
 * forward-backward (Rabiner 1989, sec. V.A), brute-force enumeration over all K^T state paths (for
 * tests and short sequences), and a mean-field approximation q(Z) = prod_t q_t(z_t) fitted by
 * coordinate ascent (CAVI: ln q_t* = E_{-t} ln p(X, Z) + const, Bishop 2006 eq. 10.9) with its ELBO.
 * Mean field over time is a teaching device here: forward-backward is exact and costs O(T K^2).
 */
import { createRng } from './random';

/** pi_k = p(z_1 = k), A[j][k] = p(z_t = k | z_{t-1} = j), B[k][m] = p(x_t = m | z_t = k); all entries > 0. */
export interface Hmm {
  readonly initial: readonly number[];
  readonly transition: readonly (readonly number[])[];
  readonly emission: readonly (readonly number[])[];
}

/** Per-time factors q_t(k) of a mean-field q(Z) = prod_t q_t(z_t): T rows of K probabilities. */
export type Marginals = number[][];

/** Settings of the symmetric family used by the islands: K states, M symbols, self-transition and emission accuracy. */
export interface SymmetricHmmOptions {
  readonly states: number;
  readonly symbols: number;
  /** A_kk; the rest of each row is split evenly over the other states. */
  readonly stay: number;
  /** B[k][k mod M]; the rest of each row is split evenly over the other symbols. */
  readonly accuracy: number;
}

const ROW_TOLERANCE = 1e-9;

function checkDistribution(row: readonly number[], length: number, what: string): void {
  if (row.length !== length) throw new RangeError(`${what} has ${row.length} entries, expected ${length}.`);
  let total = 0;
  for (const p of row) {
    // Zeros would make E_q[ln A] = 0 * (-inf); the islands never need them, so they are refused.
    if (!(p > 0) || !Number.isFinite(p)) throw new RangeError(`${what} must have finite entries > 0, got ${p}.`);
    total += p;
  }
  if (Math.abs(total - 1) > ROW_TOLERANCE) throw new RangeError(`${what} must sum to 1, got ${total}.`);
}

/** Throws a RangeError unless pi, every row of A and every row of B are strictly positive distributions. */
export function checkHmm(hmm: Hmm): void {
  const K = hmm.initial.length;
  if (K < 1 || hmm.transition.length !== K || hmm.emission.length !== K) {
    throw new RangeError(`pi, A and B need K >= 1 rows each (got ${K}, ${hmm.transition.length}, ${hmm.emission.length}).`);
  }
  const M = hmm.emission[0]!.length;
  checkDistribution(hmm.initial, K, 'pi');
  hmm.transition.forEach((row, j) => checkDistribution(row, K, `row ${j} of A`));
  hmm.emission.forEach((row, k) => checkDistribution(row, M, `row ${k} of B`));
}

/** Throws a RangeError unless every x_t is a whole number in 0..M-1 and T >= 1. */
function checkObservations(hmm: Hmm, observations: readonly number[]): void {
  const M = hmm.emission[0]!.length;
  if (observations.length === 0) throw new RangeError('The observed sequence is empty.');
  for (const x of observations) {
    if (!Number.isInteger(x) || x < 0 || x >= M) throw new RangeError(`Observations must be whole numbers 0..${M - 1}, got ${x}.`);
  }
}

/** The symmetric HMM: uniform pi, A_kk = stay, B[k][k mod M] = accuracy, remaining mass spread evenly. */
export function symmetricHmm({ states, symbols, stay, accuracy }: SymmetricHmmOptions): Hmm {
  if (!Number.isInteger(states) || states < 2 || !Number.isInteger(symbols) || symbols < 2) {
    throw new RangeError(`Need whole numbers K >= 2 and M >= 2, got K = ${states}, M = ${symbols}.`);
  }
  if (!(stay > 0 && stay < 1) || !(accuracy > 0 && accuracy < 1)) {
    throw new RangeError(`stay and accuracy must lie strictly between 0 and 1, got ${stay} and ${accuracy}.`);
  }
  const initial = new Array<number>(states).fill(1 / states);
  const transition = initial.map((_, j) => initial.map((__, k) => (j === k ? stay : (1 - stay) / (states - 1))));
  const emission = initial.map((_, k) => Array.from({ length: symbols }, (__, m) => (m === k % symbols ? accuracy : (1 - accuracy) / (symbols - 1))));
  return { initial, transition, emission };
}

/** Index drawn from the distribution `probabilities` with one uniform u (inverse CDF, last index on rounding). */
function drawIndex(probabilities: readonly number[], u: number): number {
  let cumulative = 0;
  for (let k = 0; k < probabilities.length - 1; k++) {
    cumulative += probabilities[k]!;
    if (u < cumulative) return k;
  }
  return probabilities.length - 1;
}

/** z_1 ~ pi, z_t ~ A[z_{t-1}], x_t ~ B[z_t], for t = 1..T, deterministic per seed. */
export function sampleHmm(hmm: Hmm, length: number, seed: number): { states: number[]; observations: number[] } {
  checkHmm(hmm);
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`The length must be a whole number >= 1, got ${length}.`);
  const rng = createRng(seed);
  const states: number[] = [];
  const observations: number[] = [];
  for (let t = 0; t < length; t++) {
    const z = drawIndex(t === 0 ? hmm.initial : hmm.transition[states[t - 1]!]!, rng());
    states.push(z);
    observations.push(drawIndex(hmm.emission[z]!, rng()));
  }
  return { states, observations };
}

/**
 * Scaled forward-backward (Rabiner 1989, eqs. 91-103): alpha-hat_t = p(z_t | x_1..t), c_t = p(x_t | x_1..t-1),
 * ln p(X) = sum_t ln c_t, and the exact posterior marginals gamma_t(k) = p(z_t = k | X) as a T x K array.
 */
export function forwardBackward(hmm: Hmm, observations: readonly number[]): { marginals: Marginals; logEvidence: number } {
  checkHmm(hmm);
  checkObservations(hmm, observations);
  const K = hmm.initial.length;
  const T = observations.length;
  const alpha: number[][] = [];
  const scale: number[] = [];
  for (let t = 0; t < T; t++) {
    const x = observations[t]!;
    const row = Array.from({ length: K }, (_, k) => {
      const prior = t === 0 ? hmm.initial[k]! : alpha[t - 1]!.reduce((sum, a, j) => sum + a * hmm.transition[j]![k]!, 0);
      return prior * hmm.emission[k]![x]!;
    });
    const c = row.reduce((sum, v) => sum + v, 0);
    scale.push(c);
    alpha.push(row.map((v) => v / c));
  }
  // beta-hat_t = p(x_t+1..T | z_t) / prod_{s > t} c_s, so that alpha-hat_t beta-hat_t = gamma_t.
  const beta: number[][] = new Array(T);
  beta[T - 1] = new Array<number>(K).fill(1);
  for (let t = T - 2; t >= 0; t--) {
    const x = observations[t + 1]!;
    beta[t] = Array.from({ length: K }, (_, j) =>
      hmm.transition[j]!.reduce((sum, a, k) => sum + a * hmm.emission[k]![x]! * beta[t + 1]![k]!, 0) / scale[t + 1]!);
  }
  const marginals = alpha.map((row, t) => {
    const unnormalised = row.map((a, k) => a * beta[t]![k]!);
    const total = unnormalised.reduce((sum, v) => sum + v, 0);
    return unnormalised.map((v) => v / total);
  });
  return { marginals, logEvidence: scale.reduce((sum, c) => sum + Math.log(c), 0) };
}

/** ln p(X, Z) = ln pi_{z_1} + sum_{t>1} ln A[z_{t-1}][z_t] + sum_t ln B[z_t][x_t]. */
export function logJoint(hmm: Hmm, states: readonly number[], observations: readonly number[]): number {
  let total = Math.log(hmm.initial[states[0]!]!);
  for (let t = 0; t < states.length; t++) {
    if (t > 0) total += Math.log(hmm.transition[states[t - 1]!]![states[t]!]!);
    total += Math.log(hmm.emission[states[t]!]![observations[t]!]!);
  }
  return total;
}

/** The largest T for which enumeration is allowed: K^T paths, each of cost T. */
export const MAX_ENUMERATED_PATHS = 2 ** 20;

/** Calls `visit` with every state path in {0..K-1}^T (odometer order); refuses more than 2^20 paths. */
export function forEachPath(states: number, length: number, visit: (path: readonly number[]) => void): void {
  if (states ** length > MAX_ENUMERATED_PATHS) throw new RangeError(`${states}^${length} paths is too many to enumerate.`);
  const path = new Array<number>(length).fill(0);
  for (;;) {
    visit(path);
    let t = length - 1;
    while (t >= 0 && path[t] === states - 1) path[t--] = 0;
    if (t < 0) return;
    path[t]! += 1;
  }
}

/** ln sum_i exp(v_i), stable (max subtracted). */
function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(values.reduce((sum, v) => sum + Math.exp(v - max), 0));
}

/** ln p(X) = ln sum_Z p(X, Z) and p(z_t = k | X), by brute force over all K^T paths (short sequences only). */
export function enumerateExact(hmm: Hmm, observations: readonly number[]): { marginals: Marginals; logEvidence: number } {
  checkHmm(hmm);
  checkObservations(hmm, observations);
  const K = hmm.initial.length;
  const logJoints: number[] = [];
  const paths: number[][] = [];
  forEachPath(K, observations.length, (path) => {
    logJoints.push(logJoint(hmm, path, observations));
    paths.push([...path]);
  });
  const logEvidence = logSumExp(logJoints);
  const marginals = observations.map(() => new Array<number>(K).fill(0));
  paths.forEach((path, i) => {
    const posterior = Math.exp(logJoints[i]! - logEvidence);
    path.forEach((k, t) => { marginals[t]![k]! += posterior; });
  });
  return { marginals, logEvidence };
}

/** q_t uniform over K states for t = 1..T: the CAVI starting point of the islands. */
export function uniformMarginals(length: number, states: number): Marginals {
  return Array.from({ length }, () => new Array<number>(states).fill(1 / states));
}

/**
 * The CAVI update of factor t (MATH_NOTES B2.5), from the current neighbours q_{t-1} and q_{t+1}:
 * ln q_t(k) = [t = 1] ln pi_k + sum_j q_{t-1}(j) ln A[j][k] + sum_j q_{t+1}(j) ln A[k][j] + ln B[k][x_t] + const.
 */
export function meanFieldFactor(hmm: Hmm, observations: readonly number[], q: Marginals, t: number): number[] {
  const K = hmm.initial.length;
  const T = observations.length;
  const logits = Array.from({ length: K }, (_, k) => {
    let value = Math.log(hmm.emission[k]![observations[t]!]!);
    if (t === 0) value += Math.log(hmm.initial[k]!);
    else q[t - 1]!.forEach((p, j) => { value += p * Math.log(hmm.transition[j]![k]!); });
    if (t < T - 1) q[t + 1]!.forEach((p, j) => { value += p * Math.log(hmm.transition[k]![j]!); });
    return value;
  });
  const normaliser = logSumExp(logits);
  return logits.map((v) => Math.exp(v - normaliser));
}

/** One CAVI sweep: factors t = 1..T updated in turn, each using the already-updated q_{t-1}; returns a new array. */
export function caviSweep(hmm: Hmm, observations: readonly number[], q: Marginals): Marginals {
  const next = q.map((row) => [...row]);
  for (let t = 0; t < observations.length; t++) next[t] = meanFieldFactor(hmm, observations, next, t);
  return next;
}

/** H(q) = sum_t H(q_t) = -sum_t sum_k q_t(k) ln q_t(k), with 0 ln 0 = 0: the entropy of a product is the sum of its factors'. */
export function meanFieldEntropy(q: Marginals): number {
  return -q.reduce((total, row) => total + row.reduce((sum, v) => (v > 0 ? sum + v * Math.log(v) : sum), 0), 0);
}

/**
 * E_q ln p(X, Z) under q = prod_t q_t, in closed form from the factors:
 * sum_k q_1(k) ln pi_k + sum_{t>1} sum_{j,k} q_{t-1}(j) q_t(k) ln A[j][k] + sum_t sum_k q_t(k) ln B[k][x_t].
 */
export function meanFieldExpectedLogJoint(hmm: Hmm, observations: readonly number[], q: Marginals): number {
  let total = 0;
  q.forEach((row, t) => {
    row.forEach((p, k) => {
      total += p * Math.log(hmm.emission[k]![observations[t]!]!);
      if (t === 0) total += p * Math.log(hmm.initial[k]!);
      else q[t - 1]!.forEach((previous, j) => { total += previous * p * Math.log(hmm.transition[j]![k]!); });
    });
  });
  return total;
}

/** ELBO(q) = E_q ln p(X, Z) + sum_t H(q_t). */
export function meanFieldElbo(hmm: Hmm, observations: readonly number[], q: Marginals): number {
  return meanFieldExpectedLogJoint(hmm, observations, q) + meanFieldEntropy(q);
}

/** ELBO and KL(q || p(Z | X)) of a mean-field q by brute force over all K^T paths (short sequences only). */
export function enumerateMeanField(hmm: Hmm, observations: readonly number[], q: Marginals): { elbo: number; kl: number } {
  const { logEvidence } = enumerateExact(hmm, observations);
  let elbo = 0;
  let kl = 0;
  forEachPath(hmm.initial.length, observations.length, (path) => {
    const logQ = path.reduce((sum, k, t) => sum + Math.log(q[t]![k]!), 0);
    if (logQ === -Infinity) return;
    const weight = Math.exp(logQ);
    const logP = logJoint(hmm, path, observations);
    elbo += weight * (logP - logQ);
    kl += weight * (logQ - (logP - logEvidence));
  });
  return { elbo, kl };
}

/** CAVI from `start` (default uniform) for `sweeps` sweeps: the factors after each sweep and ELBO_0..ELBO_sweeps. */
export function runMeanFieldCavi(hmm: Hmm, observations: readonly number[], sweeps: number, start?: Marginals): { factors: Marginals[]; elbos: number[] } {
  checkHmm(hmm);
  checkObservations(hmm, observations);
  let q = start ?? uniformMarginals(observations.length, hmm.initial.length);
  const factors = [q];
  const elbos = [meanFieldElbo(hmm, observations, q)];
  for (let s = 0; s < sweeps; s++) {
    q = caviSweep(hmm, observations, q);
    factors.push(q);
    elbos.push(meanFieldElbo(hmm, observations, q));
  }
  return { factors, elbos };
}
