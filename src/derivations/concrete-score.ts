/**
 * Model "concrete-score": concrete score matching on {0..K-1}, K = 16, target two bumps with weight
 * w, model a discretised Gaussian (mu, sigma). Steps: the explicit objective (needs c_p), the
 * sample-free implicit form (equal up to the constant E_p c_p^2), and its Monte-Carlo estimate.
 * Everything here is a short exact sum, so the evaluators compute in float64 JavaScript.
 */
import { discreteGaussian, explicitConcreteObjective, implicitConcreteObjective, implicitConcreteTerms, sampleDiscrete, twoBumpDistribution } from '../math/concrete-score';
import { meanAndStdErr } from '../math/stats';
import type { DerivationModel, ParamSpec, ParamValues } from './types';
import { MIN_SAMPLE_SIZE } from './check';

const K = 16;

export const CONCRETE_SCORE_PARAMS: readonly ParamSpec[] = [
  { name: 'w', label: 'weight of the left bump of p', tex: 'w', min: 0.1, max: 0.9, step: 0.05, default: 0.6 },
  { name: 'mu', label: 'model mean', tex: '\\mu', min: 0, max: 15, step: 0.1, default: 7.5 },
  { name: 'sigma', label: 'model standard deviation', tex: '\\sigma', min: 1, max: 8, step: 0.1, default: 4 },
];

interface ConcreteData {
  readonly p: number[];
  readonly q: number[];
  readonly draws: Int32Array;
}

export const concreteScoreModel: DerivationModel<ConcreteData> = {
  id: 'concrete-score',
  params: CONCRETE_SCORE_PARAMS,
  sample: { defaultN: 2000, minN: MIN_SAMPLE_SIZE, maxN: 1_000_000, defaultSeed: 1 },
  prepare(_tf, { w, mu, sigma }: ParamValues, { seed, n }) {
    const p = twoBumpDistribution(K, w);
    return { p, q: discreteGaussian(K, mu, sigma), draws: sampleDiscrete(p, n, seed) };
  },
  evaluators: {
    explicit: (_tf, { p, q }) => explicitConcreteObjective(p, q),
    implicit: (_tf, { p, q }) => implicitConcreteObjective(p, q),
    /**
     * The sample mean of the implicit terms. Its standard error is the exact sigma/sqrt(n), sigma^2 the
     * variance of the terms under p (known here): a few rare states carry large terms, and the
     * variance estimated from a sample that missed them is far too small (at n = 200 the estimated
     * s.e. made a correct step fail 4 times in 10 at w = 0.9, mu = 0, sigma = 1; false-alarm.test.ts).
     */
    implicitSample: (_tf, { p, q, draws }) => {
      const terms = implicitConcreteTerms(q);
      const { mean } = meanAndStdErr(Float64Array.from(draws, (x) => terms[x]));
      const exactMean = p.reduce((sum, px, x) => sum + px * terms[x], 0);
      const variance = p.reduce((sum, px, x) => sum + px * (terms[x] - exactMean) ** 2, 0);
      return { value: mean, stdErr: Math.sqrt(variance / draws.length) };
    },
  },
};
