import { describe, expect, it } from 'vitest';
import { ElboAscent } from './elbo-ascent';
import { conjugateData } from '../derivations/conjugate-elbo';
import { cpuTf } from '../tensor/node-cpu';
import { conjugatePosterior, exactElbo, logEvidence, summarize } from '../math/conjugate-gaussian';
import { reparamGradientMoments } from '../math/reparam-gradient';

describe('ElboAscent', () => {
  it('reparameterised Adam ascent reaches the exact posterior, where ELBO = ln p(X)', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const data = summarize(conjugateData(3, 20, 1));
    const prior = { noiseSd: 1, priorMean: 0, priorSd: 1 };
    const ascent = new ElboAscent(tf, data, prior, { init: { mean: -2, stdDev: 1 }, learningRate: 0.05, draws: 16, seed: 5 });
    const first = await ascent.step(1);
    const last = await ascent.step(1500);
    ascent.dispose();
    const post = conjugatePosterior(data, prior);
    expect(Math.abs(last.mean - post.mean)).toBeLessThan(0.03);
    expect(Math.abs(last.stdDev / post.stdDev - 1)).toBeLessThan(0.1);
    const evidence = logEvidence(data, prior);
    // Adam with a constant rate jitters around the optimum: the remaining KL is small, not zero.
    expect(evidence - exactElbo({ mean: last.mean, stdDev: last.stdDev }, data, prior)).toBeLessThan(0.02);
    expect(first.elboEstimate).toBeLessThan(last.elboEstimate);
    expect(Math.abs(last.elboEstimate - evidence)).toBeLessThan(0.05);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the measured spread of the M-draw gradient matches its closed form and shrinks as 1/sqrt(M)', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const data = summarize(conjugateData(3, 20, 1));
    const prior = { noiseSd: 1, priorMean: 0, priorSd: 1 };
    const spreads: number[] = [];
    for (const draws of [2, 32]) {
      const ascent = new ElboAscent(tf, data, prior, { init: { mean: -2, stdDev: 1 }, learningRate: 0.05, draws, seed: 5 });
      const state = await ascent.step(3);
      ascent.dispose();
      const exact = reparamGradientMoments({ mean: state.mean, stdDev: state.stdDev }, data, prior, draws).stdDev;
      // 256 replicates: the sd of a sample sd is about 1/sqrt(2 * 256) = 4.4 % of it.
      expect(state.gradientSd[0] / exact[0]).toBeGreaterThan(0.85);
      expect(state.gradientSd[0] / exact[0]).toBeLessThan(1.15);
      expect(state.gradientSd[1] / exact[1]).toBeGreaterThan(0.85);
      expect(state.gradientSd[1] / exact[1]).toBeLessThan(1.15);
      spreads.push(state.gradientSd[0]);
    }
    expect(spreads[0] / spreads[1]).toBeGreaterThan(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
