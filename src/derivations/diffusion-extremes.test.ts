import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './registry';
import { runDerivation, step } from './test-support';
import { createRng } from '../math/random';
import { cpuTf } from '../tensor/node-cpu';
import type { StepSpec, Tf } from './types';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const CHAINS: Record<string, StepSpec[]> = {
  'diffusion-forward': [step('varianceClosedForm', 'given'), step('varianceRecursion', 'eq'), step('varianceParticles', 'eq'), step('meanParticles', 'given')],
  'diffusion-elbo': [step('logLikelihood', 'given'), step('elboKlSum', 'ge'), step('elboMonteCarlo', 'eq'), step('klTermClosedForm', 'given'), step('klTermMonteCarlo', 'eq')],
  'diffusion-tweedie': [step('denoiserQuadrature', 'given'), step('denoiserComponents', 'eq'), step('denoiserTweedie', 'eq'), step('noiseQuadrature', 'given'), step('noiseFromScore', 'eq')],
  'diffusion-dsm': [step('klMonteCarlo', 'given'), step('noiseError', 'eq'), step('weightedDsm', 'eq'), step('weightedFisher', 'eq-const', { constantIn: ['mu', 'tau'] })],
};

describe('diffusion derivations at the corners of their sliders', () => {
  for (const [modelId, chain] of Object.entries(CHAINS)) {
    it(`${modelId}: finite values and the expected verdicts with every slider at its min or max (24 corners)`, async () => {
      const model = await loadModel(modelId);
      const rng = createRng(41);
      for (let c = 0; c < 24; c++) {
        const params = Object.fromEntries(model.params.map((p) => [p.name, rng() < 0.5 ? p.min : p.max]));
        for (const n of [model.sample?.minN ?? 0, model.sample?.defaultN ?? 0]) {
          const result = await runDerivation(tf, modelId, chain, params, { n });
          for (const s of result.steps) {
            expect(Number.isNaN(s.estimate.value), `${s.step.id} at ${JSON.stringify(params)} n=${n}`).toBe(false);
            expect(s.check.asExpected, `${s.step.id} at ${JSON.stringify(params)} n=${n}: ${s.check.detail}`).toBe(true);
          }
        }
      }
    });
  }
});
