import { describe, expect, it } from 'vitest';
import { Vae } from './vae';
import { cpuTf } from '../tensor/node-cpu';
import { toyData } from '../math/toy-data';
import {
  diagGaussianKlToStandard,
  gaussianMleMeanLogLikelihood2d,
  linearGaussianElbo,
  linearGaussianLogEvidence,
} from '../math/diag-gaussian';
import type { LinearGaussianModel } from '../math/diag-gaussian';

type Layer = { weights: Float32Array; bias: Float32Array };

/** The MLP of vae.ts in plain JavaScript: dense layers, tanh between them. */
function forwardJs(layers: readonly Layer[], input: readonly number[]): number[] {
  let out: readonly number[] = input;
  layers.forEach((layer, index) => {
    const outputs = layer.bias.length;
    const next = Array.from({ length: outputs }, (_, j) => out.reduce((sum, v, i) => sum + v * layer.weights[i * outputs + j], layer.bias[j]));
    out = index < layers.length - 1 ? next.map(Math.tanh) : next;
  });
  return [...out];
}

const point = (points: Float32Array, i: number) => [points[2 * i], points[2 * i + 1]];

describe('Vae', () => {
  it('its KL term is the closed form (1/2) sum (sigma^2 + mu^2 - 1 - ln sigma^2) of the encoder output', async () => {
    const tf = await cpuTf();
    const { points } = toyData('ring', 64, 4);
    const vae = new Vae(tf, { points, latentDim: 2, hidden: [16, 16], learningRate: 0.01, batchSize: 32, seed: 9 });
    await vae.step(20);
    const { encoder } = await vae.parameters();
    let expected = 0;
    for (let i = 0; i < 64; i += 1) {
      const [m1, m2, l1, l2] = forwardJs(encoder, point(points, i));
      expected += diagGaussianKlToStandard([m1, m2], [Math.exp(2 * l1), Math.exp(2 * l2)]) / 64;
    }
    const { kl } = await vae.estimateTerms(points, 1, 3);
    vae.dispose();
    expect(kl).toBeGreaterThan(0);
    expect(kl).toBeCloseTo(expected, 4);
  });

  it('a linear VAE is factor analysis: its ELBO is <= the exact ln p(x) at every point, and training closes the gap to the Gaussian MLE', async () => {
    const tf = await cpuTf();
    const { points } = toyData('moons', 256, 2);
    const vae = new Vae(tf, { points, latentDim: 1, hidden: [], learningRate: 0.02, batchSize: 64, seed: 5 });
    const exactMeans = async () => {
      const { encoder, decoder, logDecoderSd } = await vae.parameters();
      // tfjs computes x = z W + b with W (1 x 2); the model's W is its transpose (2 x 1), the same numbers.
      const model: LinearGaussianModel = { dataDim: 2, latentDim: 1, weights: decoder[0].weights, bias: decoder[0].bias, noiseVariances: Array.from(logDecoderSd, (l) => Math.exp(2 * l)) };
      let elbo = 0;
      let evidence = 0;
      for (let i = 0; i < 256; i += 1) {
        const x = point(points, i);
        const [mean, logSd] = forwardJs(encoder, x);
        const pointElbo = linearGaussianElbo(model, x, [mean], [Math.exp(2 * logSd)]);
        const pointEvidence = linearGaussianLogEvidence(model, x);
        expect(pointElbo).toBeLessThanOrEqual(pointEvidence + 1e-9);
        elbo += pointElbo / 256;
        evidence += pointEvidence / 256;
      }
      return { elbo, evidence };
    };
    const start = await exactMeans();
    await vae.step(3000);
    const end = await exactMeans();
    // The model's Monte-Carlo ELBO (200 draws per point) agrees with the closed form.
    const mc = await vae.estimateTerms(points, 200, 17);
    vae.dispose();
    expect(mc.reconstruction - mc.kl).toBeCloseTo(end.elbo, 1);
    expect(end.elbo).toBeGreaterThan(start.elbo + 0.5);
    // Every linear-Gaussian model is a Gaussian, so ln p(x) is at most the Gaussian MLE's; the trained
    // model gets there, and its amortised q is nearly the exact posterior (gap ~ 0).
    const best = gaussianMleMeanLogLikelihood2d(points);
    expect(end.evidence).toBeLessThanOrEqual(best + 1e-6);
    expect(best - end.elbo).toBeLessThan(0.05);
    expect(end.evidence - end.elbo).toBeLessThan(0.02);
  }, 60_000);

  it('training on a fixed seed raises the ELBO, and the views have the documented shapes and finite values', async () => {
    const tf = await cpuTf();
    const { points } = toyData('ring', 256, 1);
    const vae = new Vae(tf, { points, latentDim: 1, hidden: [32, 32], learningRate: 0.01, batchSize: 128, seed: 1, priorSamples: 100 });
    const first = await vae.step(0);
    const early = await vae.step(20);
    let late = early;
    for (let i = 0; i < 25; i += 1) late = await vae.step(40);
    vae.dispose();
    expect(first.epoch).toBe(0);
    expect(late.step).toBe(1020);
    expect(late.epoch).toBe(510);
    expect(late.elbo).toBeGreaterThan(early.elbo + 0.5);
    expect(late.elbo).toBeGreaterThan(first.elbo + 0.5);
    expect(late.elbo).toBeCloseTo(late.reconstruction - late.kl, 5);
    expect(late.kl).toBeGreaterThan(0);
    expect(late.latentMeans).toHaveLength(256);
    expect(late.reconstructions).toHaveLength(512);
    expect(late.samples).toHaveLength(200);
    expect(late.curve).toHaveLength(122);
    for (const array of [late.latentMeans, late.reconstructions, late.samples, late.curve]) {
      expect(array.every(Number.isFinite)).toBe(true);
    }
  }, 60_000);

  it('leaks no tensor over 1,000 steps and frees everything on dispose', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const { points } = toyData('pinwheel', 128, 2);
    const vae = new Vae(tf, { points, latentDim: 2, hidden: [16], learningRate: 0.01, batchSize: 64, seed: 3, priorSamples: 32 });
    await vae.step(1);
    const during = tf.memory().numTensors;
    for (let i = 0; i < 10; i += 1) await vae.step(100);
    expect(tf.memory().numTensors).toBe(during);
    vae.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('refuses a data set that is not a whole number of minibatches', async () => {
    const tf = await cpuTf();
    const { points } = toyData('ring', 100, 1);
    expect(() => new Vae(tf, { points, latentDim: 1, hidden: [8], learningRate: 0.01, batchSize: 64, seed: 1 })).toThrow(RangeError);
  });
});
