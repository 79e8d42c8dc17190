/**
 * EM for a one-dimensional Gaussian mixture, in float64 (MATH_NOTES B2.4; Bishop 2006, section 9.2).
 * EM is coordinate ascent on F(q, theta) = E_q ln p(X, Z | theta) + H(q): the E-step sets
 * q = p(Z | X, theta) (so F = l(theta)), the M-step maximises F over theta.
 */
import { gaussianLogPdf } from './gaussian';

/** Mixture parameters theta = (pi_k, mu_k, sigma_k), k = 1..K. */
export interface MixtureTheta {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly stdDevs: readonly number[];
}

/** Smallest standard deviation the M-step returns, so no component collapses onto one point. */
export const MIN_STD_DEV = 1e-3;

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** ln pi_k + ln N(x; mu_k, sigma_k^2) for every k. */
function logTerms(x: number, theta: MixtureTheta): number[] {
  return theta.means.map((mean, k) => Math.log(theta.weights[k]!) + gaussianLogPdf(x, mean, theta.stdDevs[k]!));
}

/** l(theta) = sum_i ln sum_k pi_k N(x_i; mu_k, sigma_k^2), by log-sum-exp. */
export function mixtureLogLikelihood(x: readonly number[], theta: MixtureTheta): number {
  let total = 0;
  for (const xi of x) total += logSumExp(logTerms(xi, theta));
  return total;
}

/** E-step: responsibilities r_ik = pi_k N(x_i; mu_k, sigma_k^2) / sum_j pi_j N(x_i; mu_j, sigma_j^2), rows of length K. */
export function eStep(x: readonly number[], theta: MixtureTheta): number[][] {
  return x.map((xi) => {
    const terms = logTerms(xi, theta);
    const total = logSumExp(terms);
    return terms.map((t) => Math.exp(t - total));
  });
}

/** M-step: N_k = sum_i r_ik, pi_k = N_k / n, mu_k = sum_i r_ik x_i / N_k, sigma_k^2 = sum_i r_ik (x_i - mu_k)^2 / N_k. */
export function mStep(x: readonly number[], responsibilities: readonly (readonly number[])[], previous: MixtureTheta): MixtureTheta {
  const K = previous.means.length;
  const n = x.length;
  const weights: number[] = [];
  const means: number[] = [];
  const stdDevs: number[] = [];
  for (let k = 0; k < K; k++) {
    let mass = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      mass += responsibilities[i]![k]!;
      sum += responsibilities[i]![k]! * x[i]!;
    }
    if (mass < 1e-12) {
      // An empty component cannot be re-estimated; keeping it unchanged leaves F unchanged too.
      weights.push(previous.weights[k]!);
      means.push(previous.means[k]!);
      stdDevs.push(previous.stdDevs[k]!);
      continue;
    }
    const mean = sum / mass;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += responsibilities[i]![k]! * (x[i]! - mean) ** 2;
    weights.push(mass / n);
    means.push(mean);
    // F is unimodal in sigma^2 for fixed mu, so clamping gives the constrained maximiser: EM stays monotone.
    stdDevs.push(Math.max(Math.sqrt(squares / mass), MIN_STD_DEV));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return { weights: weights.map((w) => w / total), means, stdDevs };
}

/** F(q, theta) = sum_i sum_k r_ik [ln pi_k + ln N(x_i; mu_k, sigma_k^2) - ln r_ik], with 0 ln 0 = 0. */
export function mixtureElbo(x: readonly number[], responsibilities: readonly (readonly number[])[], theta: MixtureTheta): number {
  let total = 0;
  x.forEach((xi, i) => {
    logTerms(xi, theta).forEach((t, k) => {
      const r = responsibilities[i]![k]!;
      if (r > 0) total += r * (t - Math.log(r));
    });
  });
  return total;
}

/** One EM iteration's record: theta before and after, and l and F at each half-step. */
export interface EmIteration {
  readonly iteration: number;
  readonly theta: MixtureTheta;
  readonly logLikelihood: number;
  /** F(q_t, theta_t) after the E-step (equals logLikelihood up to rounding). */
  readonly elboAfterE: number;
  /** F(q_t, theta_{t+1}) after the M-step (<= the next logLikelihood). */
  readonly elboAfterM: number;
}

/** Runs `iterations` EM steps from theta0; entry t holds theta_t and l(theta_t). */
export function runEm(x: readonly number[], theta0: MixtureTheta, iterations: number): EmIteration[] {
  const history: EmIteration[] = [];
  let theta = theta0;
  for (let t = 0; t <= iterations; t++) {
    const r = eStep(x, theta);
    const next = mStep(x, r, theta);
    history.push({
      iteration: t,
      theta,
      logLikelihood: mixtureLogLikelihood(x, theta),
      elboAfterE: mixtureElbo(x, r, theta),
      elboAfterM: mixtureElbo(x, r, next),
    });
    theta = next;
  }
  return history;
}

/** A spread-out start for K components: equal weights, means at quantiles of x, sd = sample sd. */
export function initialTheta(x: readonly number[], K: number): MixtureTheta {
  const sorted = [...x].sort((a, b) => a - b);
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length) || 1;
  const means = Array.from({ length: K }, (_, k) => sorted[Math.min(sorted.length - 1, Math.floor(((k + 0.5) / K) * sorted.length))]!);
  return { weights: Array(K).fill(1 / K), means, stdDevs: Array(K).fill(sd) };
}

/** Indices t where l(theta_{t+1}) < l(theta_t) - tolerance: EM must never produce one. */
export function decreases(history: readonly EmIteration[], tolerance = 1e-9): number[] {
  const out: number[] = [];
  for (let t = 1; t < history.length; t++) {
    const scale = Math.max(1, Math.abs(history[t - 1]!.logLikelihood));
    if (history[t]!.logLikelihood < history[t - 1]!.logLikelihood - tolerance * scale) out.push(t);
  }
  return out;
}

/** One point of the EM trace: `step` counts iterations (the E-step at t, the M-step lands on t + 1). */
export interface EmTracePoint {
  readonly step: number;
  readonly value: number;
  readonly curve: 'log-likelihood ℓ(θ)' | 'ELBO F(q, θ)';
  /** True where l fell, which EM never does (rounding aside): shown, not hidden. */
  readonly decrease?: boolean;
}

/** Where EM stands, one half-step at a time: theta_t, and q_t once the E-step of iteration t has run. */
export interface EmHalfStepState {
  readonly iteration: number;
  readonly theta: MixtureTheta;
  readonly responsibilities?: number[][];
  /** l and F after each half-step, the latest `EM_TRACE_LENGTH` points. */
  readonly trace: readonly EmTracePoint[];
  /** How many M-steps lowered l (should stay 0). */
  readonly decreased: number;
}

/** Trace points kept: enough for 300 iterations. */
export const EM_TRACE_LENGTH = 600;

/** The state before any step: theta_0 from `initialTheta`, with l(theta_0). */
export function emStart(x: readonly number[], K: number): EmHalfStepState {
  const theta = initialTheta(x, K);
  return { iteration: 0, theta, trace: [{ step: 0, value: mixtureLogLikelihood(x, theta), curve: 'log-likelihood ℓ(θ)' }], decreased: 0 };
}

/** Half a step of EM: the E-step if q is stale (F then touches l), otherwise the M-step (and l at the new theta). */
export function emHalfStep(x: readonly number[], state: EmHalfStepState): EmHalfStepState {
  if (!state.responsibilities) {
    const responsibilities = eStep(x, state.theta);
    const point: EmTracePoint = { step: state.iteration, value: mixtureElbo(x, responsibilities, state.theta), curve: 'ELBO F(q, θ)' };
    return { ...state, responsibilities, trace: [...state.trace, point].slice(-EM_TRACE_LENGTH) };
  }
  const theta = mStep(x, state.responsibilities, state.theta);
  const previous = mixtureLogLikelihood(x, state.theta);
  const logLikelihood = mixtureLogLikelihood(x, theta);
  // EM never lowers l (MATH_NOTES B2.4); rounding aside, a drop here would be a bug worth showing.
  const drop = logLikelihood < previous - 1e-9 * Math.max(1, Math.abs(previous));
  const t = state.iteration + 1;
  const trace: EmTracePoint[] = [
    ...state.trace,
    { step: t, value: mixtureElbo(x, state.responsibilities, theta), curve: 'ELBO F(q, θ)' },
    { step: t, value: logLikelihood, curve: 'log-likelihood ℓ(θ)', decrease: drop },
  ];
  return { iteration: t, theta, trace: trace.slice(-EM_TRACE_LENGTH), decreased: state.decreased + (drop ? 1 : 0) };
}

/** `count` whole iterations (an iteration half done is completed by its M-step and counts as one), at most up to `maxIteration`. */
export function emIterate(x: readonly number[], state: EmHalfStepState, count: number, maxIteration = Infinity): EmHalfStepState {
  let s = state;
  for (let i = 0; i < count && s.iteration < maxIteration; i++) s = emHalfStep(x, s.responsibilities ? s : emHalfStep(x, s));
  return s;
}

/** The latest l and F of a state (F absent before the first E-step). */
export function emLatest(state: EmHalfStepState): { logLikelihood: number; elbo?: number } {
  const last = (curve: EmTracePoint['curve']) => [...state.trace].reverse().find((p) => p.curve === curve)?.value;
  // Every M-step (and emStart) appends l, so the trace always holds one.
  return { logLikelihood: last('log-likelihood ℓ(θ)')!, elbo: last('ELBO F(q, θ)') };
}

/** The rise of l from `before` to `after` when `after` completed an iteration, else +Infinity (not converged yet). */
export function emGain(x: readonly number[], before: EmHalfStepState, after: EmHalfStepState): number {
  if (after.iteration === before.iteration) return Infinity;
  return emLatest(after).logLikelihood - mixtureLogLikelihood(x, before.theta);
}
