/**
 * Model "concrete-score": concrete score matching on {0..K-1}, K = 16, target two bumps with weight
 * w, model a discretised Gaussian (mu, sigma). Steps: the explicit objective (needs c_p), the
 * sample-free implicit form (equal up to the constant E_p c_p^2), and its Monte-Carlo estimate.
 * Everything here is a short exact sum, so the evaluators compute in float64 JavaScript.
 */
import { discreteGaussian, explicitConcreteObjective, implicitConcreteObjective, implicitConcreteTerms, sampleDiscrete, twoBumpDistribution } from '../math/concrete-score';
import { meanAndStdErr } from '../math/stats';
import type { DerivationModel, ParamSpec, ParamValues } from './types';

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
  sample: { defaultN: 2000, minN: 20, maxN: 1_000_000, defaultSeed: 1 },
  prepare(_tf, { w, mu, sigma }: ParamValues, { seed, n }) {
    const p = twoBumpDistribution(K, w);
    return { p, q: discreteGaussian(K, mu, sigma), draws: sampleDiscrete(p, n, seed) };
  },
  evaluators: {
    explicit: (_tf, { p, q }) => explicitConcreteObjective(p, q),
    implicit: (_tf, { p, q }) => implicitConcreteObjective(p, q),
    implicitSample: (_tf, { q, draws }) => {
      const terms = implicitConcreteTerms(q);
      const { mean, stdErr } = meanAndStdErr(Float64Array.from(draws, (x) => terms[x]));
      return { value: mean, stdErr };
    },
  },
};
