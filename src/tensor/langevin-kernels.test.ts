import { describe, expect, it } from 'vitest';
import { cpuTf } from './node-cpu';
import { verifyFusedKernels, langevinPath, langevinUpdate, langevinUpdateOps, mixtureLangevinSteps, opsNoiseSeed, summariseOnDevice, summaryTensor } from './langevin-kernels';
import { summariseParticles } from '../math/particle-summary';
import { philoxNormals } from '../math/philox';
import { gaussianSamples } from '../math/random';
import type { Tensor } from './tf';

describe('the tfjs-op fallback of the Langevin kernels (cpu)', () => {
  it('is the path chosen on cpu, and the WebGPU-only kernels say so instead of computing', async () => {
    const tf = await cpuTf();
    expect(langevinPath(tf)).toBe('ops');
    expect(await verifyFusedKernels(tf)).toBe(false);
    const x = tf.zeros([4]);
    expect(() => mixtureLangevinSteps(tf, x, { means: [0], inverseVar: [1], logNormaliser: [0] }, 0.1, 1, 0, 1)).toThrow(/needs the WebGPU backend/);
    expect(() => summaryTensor(tf, x, { lower: -1, upper: 1, bins: 4, threshold: 0, centre: 0 })).toThrow(/needs the WebGPU backend/);
    x.dispose();
  });

  it('without noise is exactly x + (alpha/2) s; with noise it adds sqrt(alpha) times tf.randomNormal of (seed, step)', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[0, 1], [2, -3]]);
    const score = tf.tensor2d([[1, -1], [0.5, 4]]);
    const quiet = langevinUpdate(tf, x, score, 0.2, 5, 9, { noiseScale: 0 });
    expect(Array.from(await quiet.data())).toEqual(Array.from(Float32Array.of(0.1, 0.9, 2.05, -2.6)));
    const noisy = langevinUpdate(tf, x, score, 0.2, 5, 9);
    const noise = tf.randomNormal([2, 2], 0, 1, 'float32', opsNoiseSeed(5, 9));
    const expected = langevinUpdateOps(tf, x, score, 0.2, noise);
    expect(Array.from(await noisy.data())).toEqual(Array.from(await expected.data()));
    [x, score, quiet, noisy, noise, expected].forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a score of another shape, a negative step size and a seed that would wrap', async () => {
    const tf = await cpuTf();
    const x = tf.zeros([3]);
    const score = tf.zeros([2]);
    expect(() => langevinUpdate(tf, x, score, 0.1, 1, 0)).toThrow(/shape/);
    expect(() => langevinUpdate(tf, x, x, -0.1, 1, 0)).toThrow(/alpha/);
    expect(() => langevinUpdate(tf, x, x, 0.1, 2 ** 32, 0)).toThrow(/seed/);
    [x, score].forEach((t) => t.dispose());
  });

  it('with the exact score of N(m, v) converges to its mean and the variance of the discretised chain', async () => {
    const tf = await cpuTf();
    const [mean, variance, alpha, n] = [2, 0.25, 0.02, 4000];
    let x: Tensor = tf.tensor1d(gaussianSamples(3, n, -1, 1));
    for (let step = 0; step < 400; step += 1) {
      const previous = x;
      x = tf.tidy(() => langevinUpdate(tf, previous, tf.div(tf.sub(mean, previous), variance), alpha, 7, step));
      previous.dispose();
    }
    const { summary } = await summariseOnDevice(tf, x, { lower: -2, upper: 6, bins: 8, threshold: mean, centre: mean });
    x.dispose();
    // x' - m = (1 - alpha / 2v)(x - m) + sqrt(alpha) z has stationary variance v / (1 - alpha / 4v).
    const stationary = variance / (1 - alpha / (4 * variance));
    expect(Math.abs(summary.mean - mean)).toBeLessThan(4 * Math.sqrt(stationary / n));
    expect(Math.abs(summary.variance / stationary - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(summary.below / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });
});

describe('summariseOnDevice on the op path', () => {
  it('reads the particles back and summarises them as the JavaScript reference does', async () => {
    const tf = await cpuTf();
    const values = philoxNormals(1, 0, 1000);
    const x = tf.tensor1d(values);
    const layout = { lower: -2, upper: 2, bins: 16, threshold: 0.5, centre: 0 };
    const { summary, particles } = await summariseOnDevice(tf, x, layout);
    x.dispose();
    expect(particles).toEqual(values);
    expect(summary).toEqual(summariseParticles(values, layout));
  });
});
