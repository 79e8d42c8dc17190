import { describe, expect, it } from 'vitest';
import { GaussianNllFit } from './gaussian-nll-fit';
import { cpuTf } from '../tensor/node-cpu';
import { averageNegLogLikelihood, mleGaussian } from '../math/gaussian-fit';
import { sampleMixture, twoComponentMixture } from '../math/mixture';

describe('GaussianNllFit', () => {
  it('converges to the closed-form MLE (sample mean, biased sd) of a bimodal sample', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const samples = sampleMixture(3, 2000, twoComponentMixture(3, 0.3, 1));
    const fit = new GaussianNllFit(tf, samples, { mean: -2, stdDev: 0.5 }, 0.1);
    let state = await fit.step(1);
    const first = state.nll;
    state = await fit.step(1500);
    fit.dispose();
    const mle = mleGaussian(samples);
    expect(state.mean).toBeCloseTo(mle.mean, 3);
    expect(state.stdDev).toBeCloseTo(mle.stdDev, 3);
    expect(state.nll).toBeCloseTo(averageNegLogLikelihood(samples, mle.mean, mle.stdDev), 4);
    expect(state.nll).toBeLessThan(first);
    expect(tf.memory().numTensors).toBe(before);
  });
});
