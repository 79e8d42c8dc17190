import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDerivation } from './engine';
import { hmmEvidenceData, hmmEvidenceModel } from './hmm-evidence';
import { forwardBackward, meanFieldElbo } from '../math/hmm';
import { defaultParams } from '../state/params';
import { cpuTf } from '../tensor/node-cpu';
import type { DerivationModel, ParamValues, StepSpec, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const step = (evaluator: string, relation: StepSpec['relation']): StepSpec => ({ id: evaluator, evaluator, relation });
const model = hmmEvidenceModel as unknown as DerivationModel<unknown>;
const CHAIN = [
  step('logEvidenceEnumeration', 'given'), step('logEvidenceForward', 'eq'), step('elboPlusKl', 'eq'),
  step('elboEnumeration', 'ge'), step('elboFactors', 'eq'),
];

async function run(params: Partial<Record<string, number>> = {}) {
  const values = { ...defaultParams(model.params), ...params } as ParamValues;
  return { values, result: await evaluateDerivation(tf, model, CHAIN, values, { seed: 0, n: 0 }) };
}

describe('hmm-evidence', () => {
  it('at the defaults every step holds, in JavaScript, with a visible gap ln p(X) - ELBO', async () => {
    const { values, result } = await run();
    expect(result.backend).toBe('javascript');
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true, true]);
    const data = hmmEvidenceData(values);
    const logEvidence = forwardBackward(data.hmm, data.observations).logEvidence;
    expect(result.steps[0].estimate.value).toBeCloseTo(logEvidence, 12);
    expect(result.steps[4].estimate.value).toBeCloseTo(meanFieldElbo(data.hmm, data.observations, data.q), 12);
    expect(logEvidence - result.steps[4].estimate.value).toBeGreaterThan(0.05);
  });

  it('holds across settings: sticky or switching chains, short and long sequences, 0 to 20 sweeps', async () => {
    for (const params of [{ stay: 0.99, accuracy: 0.55, T: 10, sweeps: 20 }, { stay: 0.05, accuracy: 0.99, T: 2, sweeps: 0 }, { stay: 0.5, accuracy: 0.3, T: 6, seed: 40, sweeps: 5 }]) {
      const { result } = await run(params);
      expect(result.steps.every((s) => s.check.asExpected)).toBe(true);
      expect(result.steps[0].estimate.value - result.steps[3].estimate.value).toBeGreaterThan(-1e-12);
    }
  });

  it('with stay = 1/2 the states are independent, mean field is exact and the gap closes after one sweep', async () => {
    const { result } = await run({ stay: 0.5, sweeps: 1 });
    expect(result.steps[0].estimate.value - result.steps[4].estimate.value).toBeLessThan(1e-12);
  });
});
