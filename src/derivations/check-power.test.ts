/**
 * Checks that can fail: the review's items 1-3 (a tautological definition line, two exact values
 * compared only through a wide Monte-Carlo tolerance, unpaired standard errors of estimates on the
 * same draws). Each test fails on the engine and models as they were before the fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDerivation } from './engine';
import { loadModel } from './registry';
import { runDerivation, step } from './test-support';
import { defaultParams } from '../state/url-state';
import { mixtureCrossEntropy } from './mixture-nll';
import { implicitScoreMatching } from './gaussian-esm-ism';
import { cpuTf } from '../tensor/node-cpu';
import type { DerivationModel, ParamValues, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

/** The model with one evaluator's value shifted by `delta` (a wrong closed form, say). */
function shifted(model: DerivationModel, evaluator: string, delta: number): DerivationModel {
  const original = model.evaluators[evaluator];
  return {
    ...model,
    evaluators: { ...model.evaluators, [evaluator]: (t, data, params) => (original(t, data, params) as number) + delta },
  };
}

describe('item 2: exact values on either side of a Monte-Carlo line are compared with each other', () => {
  const chain = [step('klExact', 'given'), step('klMonteCarlo', 'eq'), step('evidenceGap', 'eq')];
  it('a closed-form gap off by 0.3 nats fails (it passed the 0.67-nat Monte-Carlo tolerance)', async () => {
    const model = await loadModel('conjugate-elbo');
    const params = defaultParams(model.params) as ParamValues;
    const sample = { seed: model.sample!.defaultSeed, n: model.sample!.defaultN };
    const right = await evaluateDerivation(tf, model, chain, params, sample);
    expect(right.steps.every((s) => s.check.asExpected)).toBe(true);
    const wrong = await evaluateDerivation(tf, shifted(model, 'evidenceGap', 0.3), chain, params, sample);
    expect(wrong.steps[2].check.holds).toBe(false);
    expect(wrong.steps[2].check.detail).toMatch(/exact step two lines up/);
  });
});

describe('item 3: consecutive Monte-Carlo lines on the same draws use the paired standard error', () => {
  it('SSM-VR against the sample ISM: the paired s.e. is about 0.02, not the unpaired 0.075', async () => {
    const result = await runDerivation(tf, 'gaussian-ssm', [step('ismSample', 'given'), step('ssmVr', 'eq')]);
    const detail = result.steps[1].check.detail;
    const paired = Number(/paired difference ([0-9.e−-]+)/.exec(detail)?.[1]?.replace('−', '-'));
    expect(paired).toBeGreaterThan(0.01);
    expect(paired).toBeLessThan(0.03);
    const [a, b] = result.steps.map((s) => s.estimate.stdErr!);
    expect(Math.hypot(a, b)).toBeGreaterThan(3 * paired);
  });
});

describe('item 1: the definition line is computed by its own route', () => {
  it('definition (ratio form) and split sums are different expressions, and a wrong split form is caught', async () => {
    const model = await loadModel('discrete-kl');
    expect(model.evaluators.definition.toString()).not.toBe(model.evaluators.splitLog.toString());
    expect(model.evaluators.splitLog.toString()).not.toBe(model.evaluators.entropyForm.toString());
    const params = defaultParams(model.params) as ParamValues;
    const broken: DerivationModel = {
      ...model,
      evaluators: { ...model.evaluators, splitLog: (t, data, p) => t.mul(model.evaluators.splitLog(t, data, p) as never, 2) },
    };
    const chain = [step('definition', 'given'), step('splitLog', 'eq')];
    expect((await evaluateDerivation(tf, broken, chain, params, { seed: 0, n: 0 })).steps[1].check.holds).toBe(false);
  });

  it('eq-const steps compare independently computed lines: their difference is not constant by construction', async () => {
    // KL by quadrature against H(p, q) in closed form: the constant -H(p) shows a float32 spread.
    const nll = await runDerivation(tf, 'mixture-nll', [step('kl', 'given'), step('crossEntropy', 'eq-const', { constantIn: ['mu', 'sigma'] })]);
    expect(nll.steps[1].check.holds).toBe(true);
    expect(nll.steps[1].estimate.value).toBe(mixtureCrossEntropy({ d: 3, w: 0.3, mu: 0, sigma: 1.5 }));
    const ism = await runDerivation(tf, 'gaussian-esm-ism', [step('byParts', 'given'), step('ism', 'eq-const', { constantIn: ['mu', 'sigma'] })]);
    expect(ism.steps[1].check.holds).toBe(true);
    // J_ISM in closed form (float64), not the quadrature the previous line also uses.
    expect(ism.steps[1].estimate.value).toBe(implicitScoreMatching({ m: 0, s: 1, mu: 1, sigma: 1.5 }));
  });

  it('"KL is never negative" can fail: ELBO + KL uses the KL formula unclamped', async () => {
    const model = await loadModel('conjugate-elbo');
    const data = model.prepare(tf, defaultParams(model.params) as ParamValues, { seed: 3, n: 20 });
    // q equal to the posterior: the KL is 0 up to rounding, which may be slightly negative, never clamped.
    expect(model.evaluators.elboPlusKl.toString()).toMatch(/gaussianKlFormula/);
    expect(data).toBeDefined();
  });
});

describe('item 7: a known mistake that coincides with the truth says so', () => {
  it('the source\'s H(p) + H(p, q) at p = (1, 0, 0) is as expected, with the reason, not "NOT caught"', async () => {
    const result = await runDerivation(tf, 'discrete-kl', [step('definition', 'given'), step('sourceSign', 'eq', { knownMistake: true })], { p1: 1, p2: 0, p3: 0 });
    expect(result.steps[1].check).toMatchObject({ holds: true, asExpected: true });
    expect(result.steps[1].check.coincident).toMatch(/all its mass on one outcome/);
    const usual = await runDerivation(tf, 'discrete-kl', [step('definition', 'given'), step('sourceSign', 'eq', { knownMistake: true })]);
    expect(usual.steps[1].check).toMatchObject({ holds: false, asExpected: true });
    expect(usual.steps[1].check.coincident).toBeUndefined();
  });
});
