/**
 * Fitting a distribution on {0..K-1} by concrete score matching from samples alone. The model is
 * saturated: q_theta(x) = softmax(theta)_x, so c_theta(x) = exp(theta_{x+1} - theta_x) - 1 with the
 * cyclic neighbour. The sample objective (see concrete-score.ts)
 *
 *   L(theta) = sum_x f(x) [c(x)^2 + 2 c(x)] - 2 sum_x f(x+1) c(x),     f = empirical frequencies,
 *
 * has derivative dL/dc(x) = 2 f(x) (c(x) + 1) - 2 f(x+1) = 2 (f(x) r(x) - f(x+1)), r = c + 1, so when
 * every state has been drawn its minimiser is r(x) = f(x+1)/f(x): q equals the empirical
 * distribution (as maximum likelihood does for this model). If a state x was never drawn while its
 * neighbour x+1 was, L is unbounded below: the term -2 f(x+1) c(x) falls without limit as
 * c(x) -> infinity (and raising theta_{x+1} gets there as well as lowering theta_x, wrecking the rest of
 * q). There is then no fit to show, and fitConcreteScore refuses with a message naming the states.
 */

export interface ConcreteFitResult {
  /** The fitted distribution q_theta. */
  readonly q: number[];
  /** The sample objective at the end of the fit. */
  readonly objective: number;
  /** The objective after each recorded iteration (every `recordEvery` steps, and the first). */
  readonly trace: { iteration: number; objective: number }[];
  /** Largest |dL/dtheta| at the end: near 0 at a minimum. */
  readonly gradientNorm: number;
  /** Adam steps taken: fewer than the limit when the gradient fell below the tolerance. */
  readonly iterations: number;
}

/** The states with frequency 0. */
export function emptyStates(f: readonly number[]): number[] {
  return f.flatMap((value, x) => (value === 0 ? [x] : []));
}

/** Why there is no fit, or undefined when every state was drawn. */
export function unboundedReason(f: readonly number[]): string | undefined {
  const empty = emptyStates(f);
  if (empty.length === 0) return undefined;
  const which = empty.length === 1 ? `State ${empty[0]} was` : `States ${empty.join(', ')} were`;
  return `${which} never drawn, so the sample objective has no minimum: it falls without limit as the model's ratio q(x+1)/q(x) grows at an empty state x. Nothing was fitted; draw more samples.`;
}

/** Empirical frequencies of draws from {0..K-1}. */
export function frequencies(draws: ArrayLike<number>, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < draws.length; i += 1) counts[draws[i]] += 1;
  return counts.map((c) => c / draws.length);
}

/** softmax(theta), shifted by the maximum so no exponent overflows. */
export function softmax(theta: readonly number[]): number[] {
  const max = Math.max(...theta);
  const e = theta.map((t) => Math.exp(t - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** The sample objective and its gradient in theta. Terms with f(x) = 0 are skipped, never 0 * infinity. */
export function concreteObjective(theta: readonly number[], f: readonly number[]): { value: number; gradient: number[] } {
  const k = theta.length;
  const r = theta.map((t, x) => Math.exp(theta[(x + 1) % k] - t));
  let value = 0;
  const dc = new Array<number>(k).fill(0);
  for (let x = 0; x < k; x += 1) {
    const c = r[x] - 1;
    const next = f[(x + 1) % k];
    if (f[x] > 0) value += f[x] * (c * c + 2 * c);
    if (next > 0) value -= 2 * next * c;
    dc[x] = 2 * ((f[x] > 0 ? f[x] * r[x] : 0) - next);
  }
  // c(x) depends on theta_{x+1} (dc/dtheta = r) and theta_x (dc/dtheta = -r).
  const gradient = new Array<number>(k).fill(0);
  for (let x = 0; x < k; x += 1) {
    gradient[(x + 1) % k] += dc[x] * r[x];
    gradient[x] -= dc[x] * r[x];
  }
  return { value, gradient };
}

/** Adam on theta from theta = 0 (the uniform distribution). Throws when a state has no draws (see unboundedReason). */
export function fitConcreteScore(
  f: readonly number[],
  { iterations = 3000, rate = 0.1, recordEvery = 10, tolerance = 1e-9 }: { iterations?: number; rate?: number; recordEvery?: number; tolerance?: number } = {},
): ConcreteFitResult {
  const reason = unboundedReason(f);
  if (reason) throw new RangeError(reason);
  const k = f.length;
  const theta = new Array<number>(k).fill(0);
  const m = new Array<number>(k).fill(0);
  const v = new Array<number>(k).fill(0);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const trace: { iteration: number; objective: number }[] = [];
  let current = concreteObjective(theta, f);
  let taken = 0;
  // Stop once converged: Adam with a constant rate only jitters around the minimum after that.
  const largest = (g: number[]) => Math.max(...g.map(Math.abs));
  for (let step = 1; step <= iterations && largest(current.gradient) >= tolerance; step += 1) {
    taken = step;
    if (step === 1 || step % recordEvery === 0) trace.push({ iteration: step - 1, objective: current.value });
    for (let j = 0; j < k; j += 1) {
      const g = current.gradient[j];
      m[j] = beta1 * m[j] + (1 - beta1) * g;
      v[j] = beta2 * v[j] + (1 - beta2) * g * g;
      theta[j] -= (rate * m[j] / (1 - beta1 ** step)) / (Math.sqrt(v[j] / (1 - beta2 ** step)) + epsilon);
    }
    current = concreteObjective(theta, f);
  }
  trace.push({ iteration: taken, objective: current.value });
  return {
    q: softmax(theta),
    objective: current.value,
    trace,
    gradientNorm: largest(current.gradient),
    iterations: taken,
  };
}

/** Total-variation distance 1/2 sum |p - q|. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  return 0.5 * p.reduce((sum, value, x) => sum + Math.abs(value - q[x]), 0);
}
