import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './registry';
import { randomSettings, runDerivation, step } from './test-support';
import { alphaBars, linearBetas } from '../math/diffusion';
import { elboTerms, modelLogLikelihood } from '../math/diffusion-elbo';
import { gaussianLogPdf } from '../math/gaussian';
import { cpuTf } from '../tensor/node-cpu';
import type { StepSpec, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const CHAINS: Record<string, StepSpec[][]> = {
  'diffusion-forward': [
    [step('varianceClosedForm', 'given'), step('varianceRecursion', 'eq'), step('varianceParticles', 'eq')],
    [step('meanClosedForm', 'given'), step('meanRecursion', 'eq'), step('meanParticles', 'eq')],
  ],
  'diffusion-elbo': [
    [step('logLikelihood', 'given'), step('elboKlSum', 'ge'), step('elboMonteCarlo', 'eq')],
    [step('klTermClosedForm', 'given'), step('klTermMonteCarlo', 'eq')],
  ],
  'diffusion-tweedie': [
    [step('denoiserQuadrature', 'given'), step('denoiserComponents', 'eq'), step('denoiserTweedie', 'eq')],
    [step('noiseQuadrature', 'given'), step('noiseFromScore', 'eq')],
  ],
  'diffusion-dsm': [
    [step('klMonteCarlo', 'given'), step('noiseError', 'eq'), step('weightedDsm', 'eq'), step('weightedFisher', 'eq-const', { constantIn: ['mu', 'tau'] })],
  ],
};

describe('diffusion derivations hold at their defaults and at random settings', () => {
  for (const [modelId, chains] of Object.entries(CHAINS)) {
    it(`${modelId}: every step holds at the defaults and at 12 random settings, and no value is NaN`, async () => {
      const model = await loadModel(modelId);
      const settings = [{}, ...randomSettings(model.params, 12, 23)];
      for (const chain of chains) {
        for (const params of settings) {
          const result = await runDerivation(tf, modelId, chain, params);
          for (const s of result.steps) {
            expect(Number.isNaN(s.estimate.value), `${modelId} ${s.step.id} at ${JSON.stringify(params)}`).toBe(false);
            expect(s.check.asExpected, `${modelId} ${s.step.id} at ${JSON.stringify(params)}: ${s.check.detail}`).toBe(true);
          }
        }
      }
    });
  }
});

describe('diffusion-forward', () => {
  it('gives 1 - prod(1 - beta_s) and sqrt(abar) x_0 at the defaults', async () => {
    const betas = linearBetas(50, 1e-3, 0.1);
    const abar = alphaBars(betas)[20]!;
    const variance = await runDerivation(tf, 'diffusion-forward', CHAINS['diffusion-forward']![0]!);
    expect(variance.steps[0]!.estimate.value).toBeCloseTo(1 - abar, 14);
    const mean = await runDerivation(tf, 'diffusion-forward', CHAINS['diffusion-forward']![1]!);
    expect(mean.steps[0]!.estimate.value).toBeCloseTo(Math.sqrt(abar) * 1.5, 14);
  });

  it('catches the mistake of adding the betas as variances', async () => {
    const result = await runDerivation(tf, 'diffusion-forward', [step('varianceClosedForm', 'given'), step('varianceSumOfBetas', 'eq', { knownMistake: true })]);
    expect(result.steps[1]!.check).toMatchObject({ holds: false, asExpected: true });
  });
});

describe('diffusion-elbo', () => {
  it('reads the closed forms of src/math/diffusion-elbo at the defaults, with a visible gap at kappa = 1.5', async () => {
    const result = await runDerivation(tf, 'diffusion-elbo', CHAINS['diffusion-elbo']![0]!);
    const diffusion = { dataMean: 1, dataSd: 0.5, betas: linearBetas(20, 1e-3, 0.3), kappa: 1.5 };
    expect(result.steps[0]!.estimate.value).toBeCloseTo(modelLogLikelihood(diffusion, 0.5), 12);
    expect(result.steps[1]!.estimate.value).toBeCloseTo(elboTerms(diffusion, 0.5).elbo, 12);
    expect(result.steps[0]!.estimate.value - result.steps[1]!.estimate.value).toBeGreaterThan(0.05);
  });

  it('with kappa = 1 and 100 steps the ELBO nearly reaches ln N(x_0; m, s^2)', async () => {
    const result = await runDerivation(tf, 'diffusion-elbo', [step('dataLogDensity', 'given'), step('elboKlSum', 'ge')], { kappa: 1, T: 100, betaT: 0.2 });
    expect(result.steps[0]!.estimate.value).toBeCloseTo(gaussianLogPdf(0.5, 1, 0.5), 12);
    expect(result.steps[0]!.estimate.value - result.steps[1]!.estimate.value).toBeLessThan(0.01);
  });
});

describe('diffusion-tweedie', () => {
  it('catches the sign mistake +sigma score at the defaults', async () => {
    const result = await runDerivation(tf, 'diffusion-tweedie', [step('noiseQuadrature', 'given'), step('noiseWrongSign', 'eq', { knownMistake: true })]);
    expect(result.steps[1]!.check).toMatchObject({ holds: false, asExpected: true });
  });
});

describe('diffusion-dsm', () => {
  it('draws the weights figure with the current level', async () => {
    const model = await loadModel('diffusion-dsm');
    const figure = model.figure?.({}, { t: 30, mu: 0, tau: 1, d: 4, w: 0.3 });
    expect(figure?.description).toContain('t = 30');
  });
});
