/**
 * Model "hmm-evidence": a two-state, two-symbol HMM with a seeded observed sequence of length T <= 10.
 * ln p(X) by enumeration over all 2^T paths and by the forward algorithm; the decomposition
 * ln p(X) = ELBO(q) + KL(q || p(Z|X)) for the mean-field q after a number of CAVI sweeps, with the KL
 * and the ELBO computed by enumeration, and the ELBO once more in closed form from the factors q_t.
 * Every value is exact float64 JavaScript (MATH_NOTES B2.2 and B2.5; Rabiner 1989).
 */
import {
  enumerateExact, enumerateMeanField, forwardBackward, meanFieldElbo, meanFieldEntropy, meanFieldExpectedLogJoint, runMeanFieldCavi, sampleHmm, symmetricHmm,
} from '../math/hmm';
import type { Hmm, Marginals } from '../math/hmm';
import type { DerivationModel, ParamSpec, ParamValues } from './types';

export const HMM_EVIDENCE_PARAMS: readonly ParamSpec[] = [
  { name: 'stay', label: 'stay probability', tex: 'A_{kk}', min: 0.05, max: 0.99, step: 0.01, default: 0.9 },
  { name: 'accuracy', label: 'emission accuracy', tex: 'B_{kk}', min: 0.05, max: 0.99, step: 0.01, default: 0.7 },
  { name: 'T', label: 'sequence length', tex: 'T', min: 2, max: 10, step: 1, default: 8 },
  { name: 'seed', label: 'seed of the sequence', min: 1, max: 99, step: 1, default: 2 },
  { name: 'sweeps', label: 'CAVI sweeps', min: 0, max: 20, step: 1, default: 1 },
];

/** The model, its sampled sequence and the mean-field q of the current parameters. */
export interface HmmEvidenceData {
  readonly hmm: Hmm;
  readonly observations: number[];
  readonly q: Marginals;
}

/** The HMM, sequence and q after `sweeps` CAVI sweeps from uniform, for one parameter setting. */
export function hmmEvidenceData(params: ParamValues): HmmEvidenceData {
  const hmm = symmetricHmm({ states: 2, symbols: 2, stay: params.stay, accuracy: params.accuracy });
  const { observations } = sampleHmm(hmm, params.T, params.seed);
  const { factors } = runMeanFieldCavi(hmm, observations, params.sweeps);
  return { hmm, observations, q: factors[factors.length - 1]! };
}

export const hmmEvidenceModel: DerivationModel<HmmEvidenceData> = {
  id: 'hmm-evidence',
  params: HMM_EVIDENCE_PARAMS,
  prepare: (_tf, params) => hmmEvidenceData(params),
  evaluators: {
    /** ln sum over all 2^T state paths of p(X, Z). */
    logEvidenceEnumeration: (_tf, { hmm, observations }) => enumerateExact(hmm, observations).logEvidence,
    /** ln sum_k alpha_T(k), scaled forward recursion. */
    logEvidenceForward: (_tf, { hmm, observations }) => forwardBackward(hmm, observations).logEvidence,
    /** ELBO(q) in closed form plus KL(q || p(Z|X)) by enumeration. */
    elboPlusKl: (_tf, { hmm, observations, q }) => meanFieldElbo(hmm, observations, q) + enumerateMeanField(hmm, observations, q).kl,
    /** sum over all paths of q(Z) ln [p(X, Z) / q(Z)]. */
    elboEnumeration: (_tf, { hmm, observations, q }) => enumerateMeanField(hmm, observations, q).elbo,
    /** E_q ln p(X, Z) from the factors (pairs q_{t-1} q_t) plus sum_t H(q_t). */
    elboFactors: (_tf, { hmm, observations, q }) => meanFieldExpectedLogJoint(hmm, observations, q) + meanFieldEntropy(q),
  },
};
