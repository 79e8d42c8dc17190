/**
 * Model "discrete-kl": KL(p||q) for two distributions over three outcomes, with sliders for the
 * unnormalised weights. Zeros follow the conventions 0 ln 0 = 0 and p ln(p/0) = +infinity
 * (Cover & Thomas, Elements of Information Theory, sec. 2.3).
 */
import { crossEntropy, entropy, normalizeWeights } from '../math/discrete';
import { formatNumber } from './check';
import type { DerivationModel, ParamSpec, ParamValues, Tensor, Tf } from './types';

const weightSpec = (name: string, label: string, tex: string, value: number): ParamSpec => ({
  name, label, tex, min: 0, max: 1, step: 0.01, default: value,
});

export const DISCRETE_KL_PARAMS: readonly ParamSpec[] = [
  weightSpec('p1', 'p, outcome 1', 'p_1', 0.2),
  weightSpec('p2', 'p, outcome 2', 'p_2', 0.5),
  weightSpec('p3', 'p, outcome 3', 'p_3', 0.3),
  weightSpec('q1', 'q, outcome 1', 'q_1', 0.3),
  weightSpec('q2', 'q, outcome 2', 'q_2', 0.4),
  weightSpec('q3', 'q, outcome 3', 'q_3', 0.3),
];

/** The normalised p and q from slider weights, or an error message. */
export function distributionsFromParams(params: ParamValues): { p: number[]; q: number[] } | { error: string } {
  const p = normalizeWeights([params.p1, params.p2, params.p3]);
  if (!p.ok) return { error: `p: ${p.error}` };
  const q = normalizeWeights([params.q1, params.q2, params.q3]);
  if (!q.ok) return { error: `q: ${q.error}` };
  return { p: p.probabilities, q: q.probabilities };
}

interface DiscreteData {
  readonly p: Tensor;
  readonly q: Tensor;
  /** H(p, q) is infinite: some q_i = 0 < p_i. Decided exactly in float64, not by float32 logs. */
  readonly crossIsInfinite: boolean;
  /** The same distributions as float64 numbers. */
  readonly pValues: readonly number[];
  readonly qValues: readonly number[];
}

/** sum_i a_i ln b_i with the convention 0 ln b = 0 (b may be 0 where a is 0). */
function sumALogB(tf: Tf, a: Tensor, b: Tensor): Tensor {
  return tf.sum(tf.where(tf.greater(a, 0), tf.mul(a, tf.log(tf.maximum(b, 1e-30))), tf.zerosLike(a)));
}

export const discreteKlModel: DerivationModel<DiscreteData> = {
  id: 'discrete-kl',
  params: DISCRETE_KL_PARAMS,
  validate(params) {
    const result = distributionsFromParams(params);
    return 'error' in result ? result.error : undefined;
  },
  prepare(tf, params) {
    const result = distributionsFromParams(params);
    if ('error' in result) throw new Error(result.error);
    return {
      p: tf.tensor1d(result.p, 'float32'),
      q: tf.tensor1d(result.q, 'float32'),
      crossIsInfinite: !Number.isFinite(crossEntropy(result.p, result.q)),
      pValues: result.p,
      qValues: result.q,
    };
  },
  coincides(evaluator, params) {
    if (evaluator !== 'sourceSign') return undefined;
    const result = distributionsFromParams(params);
    if ('error' in result || result.p.filter((x) => x > 0).length !== 1) return undefined;
    return `here p puts all its mass on one outcome, so H(p) = 0 and the source's H(p) + H(p, q) equals H(p, q) − H(p) = KL (${formatNumber(crossEntropy(result.p, result.q))}): the mistake coincides with the truth and no check can catch it. Give a second outcome some weight to see it fail.`;
  },
  evaluators: {
    /** sum p ln(p/q), the ratio form (0 ln 0 = 0): not the split sums of the next line. */
    definition: (tf, { p, q, crossIsInfinite }) =>
      crossIsInfinite ? Infinity : sumALogB(tf, p, tf.div(p, tf.maximum(q, 1e-30))),
    /** sum p ln p - sum p ln q */
    splitLog: (tf, { p, q, crossIsInfinite }) =>
      crossIsInfinite ? Infinity : tf.sub(sumALogB(tf, p, p), sumALogB(tf, p, q)),
    /** -H(p) + H(p, q), from the float64 entropy and cross-entropy (a route independent of the tfjs sums). */
    entropyForm: (_tf, { pValues, qValues }) => crossEntropy(pValues, qValues) - entropy(pValues),
    /** The source's reading of int p ln p as "the entropy": H(p) + H(p, q). A known mistake. */
    sourceSign: (tf, { p, q, crossIsInfinite }) =>
      crossIsInfinite ? Infinity : tf.neg(tf.add(sumALogB(tf, p, p), sumALogB(tf, p, q))),
    entropy: (tf, { p }) => tf.neg(sumALogB(tf, p, p)),
    crossEntropy: (tf, { p, q, crossIsInfinite }) => (crossIsInfinite ? Infinity : tf.neg(sumALogB(tf, p, q))),
    nonNegative: () => 0,
  },
};

/** Float64 reference values, used by tests and the explorer's exact readout. */
export function discreteReference(p: readonly number[], q: readonly number[]) {
  return { entropy: entropy(p), crossEntropy: crossEntropy(p, q) };
}

/** KL(p||q), KL(q||p), H(p,q) and H(p) in nats; infinities decided exactly in float64. */
export interface DiscreteSummary {
  readonly klPQ: number;
  readonly klQP: number;
  readonly crossPQ: number;
  readonly entropyP: number;
}

/** Computes the explorer's four numbers with tfjs in one readback (p, q already normalised). */
export async function discreteSummary(tf: Tf, p: readonly number[], q: readonly number[]): Promise<DiscreteSummary> {
  const crossPQInfinite = !Number.isFinite(crossEntropy(p, q));
  const crossQPInfinite = !Number.isFinite(crossEntropy(q, p));
  const values = tf.tidy(() => {
    const pt = tf.tensor1d(p as number[], 'float32');
    const qt = tf.tensor1d(q as number[], 'float32');
    const pLogP = sumALogB(tf, pt, pt);
    const qLogQ = sumALogB(tf, qt, qt);
    const pLogQ = sumALogB(tf, pt, qt);
    const qLogP = sumALogB(tf, qt, pt);
    return tf.stack([tf.sub(pLogP, pLogQ), tf.sub(qLogQ, qLogP), tf.neg(pLogQ), tf.neg(pLogP)]);
  });
  const data = await values.data();
  values.dispose();
  // Gibbs: KL >= 0; float32 rounding can leave -1e-8, which would print as "-0.0000".
  const clampKl = (value: number) => Math.max(0, value);
  return {
    klPQ: crossPQInfinite ? Infinity : clampKl(data[0]),
    klQP: crossQPInfinite ? Infinity : clampKl(data[1]),
    crossPQ: crossPQInfinite ? Infinity : data[2],
    entropyP: data[3],
  };
}
