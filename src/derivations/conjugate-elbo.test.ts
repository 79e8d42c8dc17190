import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDerivation } from './engine';
import { conjugateData, conjugateElboModel, priorOf } from './conjugate-elbo';
import { conjugatePosterior, exactElbo, logEvidence, summarize } from '../math/conjugate-gaussian';
import { defaultParams } from '../state/params';
import { cpuTf } from '../tensor/node-cpu';
import type { DerivationModel, ParamValues, StepSpec, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const step = (evaluator: string, relation: StepSpec['relation']): StepSpec => ({ id: evaluator, evaluator, relation });
const model = conjugateElboModel as unknown as DerivationModel<unknown>;
const DECOMPOSITION = [step('logEvidence', 'given'), step('elboPlusKl', 'eq'), step('elbo', 'ge'), step('elboMonteCarlo', 'eq')];
const GAP = [step('klExact', 'given'), step('klMonteCarlo', 'eq'), step('evidenceGap', 'eq')];
const JENSEN = [step('logEvidence', 'given'), step('logMeanWeight', 'eq'), step('elboQuadrature', 'ge')];

async function run(steps: StepSpec[], params: Partial<Record<string, number>> = {}, n = 20) {
  const values = { ...defaultParams(model.params), ...params } as ParamValues;
  return evaluateDerivation(tf, model, steps, values, { seed: 3, n });
}

describe('conjugate-elbo', () => {
  it('ln p(X) = ELBO + KL >= ELBO = Monte Carlo ELBO at the defaults, with the closed-form values', async () => {
    const result = await run(DECOMPOSITION);
    const params = defaultParams(model.params);
    const data = summarize(conjugateData(3, 20, params.s));
    const q = { mean: params.mq, stdDev: params.sq };
    expect(result.steps[0].estimate.value).toBeCloseTo(logEvidence(data, priorOf(params)), 10);
    expect(result.steps[2].estimate.value).toBeCloseTo(exactElbo(q, data, priorOf(params)), 10);
    expect(result.steps[0].estimate.value - result.steps[2].estimate.value).toBeGreaterThan(0.1);
    expect(result.steps[3].estimate.stdErr).toBeGreaterThan(0);
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true]);
  });

  it('the Jensen chain holds: quadrature of p(X, z) gives ln p(X), and the ELBO by quadrature is below it', async () => {
    const result = await run(JENSEN, { mq: 2, sq: 0.2, s: 2, s0: 0.5 });
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true]);
    expect(Math.abs(result.steps[1].estimate.value - result.steps[0].estimate.value)).toBeLessThan(1e-3);
  });

  it('at q = p(z|X) the bound is tight and every reparameterised draw gives ln p(X)', async () => {
    const params = defaultParams(model.params);
    const post = conjugatePosterior(summarize(conjugateData(3, 20, params.s)), priorOf(params));
    const result = await run(DECOMPOSITION, { mq: post.mean, sq: post.stdDev });
    expect(result.steps[2].estimate.value).toBeCloseTo(result.steps[0].estimate.value, 8);
    expect(result.steps[3].estimate.value).toBeCloseTo(result.steps[0].estimate.value, 3);
    expect(result.steps[3].estimate.stdErr).toBeLessThan(1e-4);
  });

  it('the gap ln p(X) - ELBO is the KL: closed form, Monte Carlo within its s.e., and 0 at the posterior', async () => {
    const params = defaultParams(model.params);
    const data = summarize(conjugateData(3, 20, params.s));
    const post = conjugatePosterior(data, priorOf(params));
    const result = await run(GAP, { mq: 0.3, sq: 0.4 });
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true]);
    // Gaussian KL in closed form, written out: ln(s_N/s_q) + (s_q^2 + (m_q - m_N)^2) / (2 s_N^2) - 1/2.
    const kl = Math.log(post.stdDev / 0.4) + (0.16 + (0.3 - post.mean) ** 2) / (2 * post.stdDev ** 2) - 0.5;
    expect(result.steps[0].estimate.value).toBeCloseTo(kl, 10);
    expect(result.steps[2].estimate.value).toBeCloseTo(kl, 8);
    const atPosterior = await run(GAP, { mq: post.mean, sq: post.stdDev });
    expect(atPosterior.steps[1].estimate.value).toBeCloseTo(0, 4);
  });

  it('its figure stacks the KL on the ELBO up to ln p(X)', async () => {
    const result = await run(DECOMPOSITION);
    const values = Object.fromEntries(result.steps.map((s) => [s.step.evaluator, s.estimate]));
    const figure = conjugateElboModel.figure?.(values, result.params);
    expect(figure?.description).toContain(`ln p(X) = ${result.steps[0].estimate.value.toFixed(3)}`);
    expect(conjugateElboModel.figure?.({ logEvidence: values.logEvidence }, result.params)).toBeUndefined();
  });

  it('a wrong direction of the bound would be caught: ELBO <= ln p(X) fails as "le"', async () => {
    const result = await run([step('logEvidence', 'given'), step('elbo', 'le')]);
    expect(result.steps[1].check.holds).toBe(false);
  });

  it('holds for a large sample and far-off q, and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const far = { mq: -3, sq: 2, s: 0.5 };
    const result = await run(DECOMPOSITION, far, 5000);
    expect(result.steps.map((s) => s.check.asExpected)).toEqual([true, true, true, true]);
    const jensen = await run(JENSEN, far, 5000);
    expect(jensen.steps.map((s) => s.check.asExpected)).toEqual([true, true, true]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
