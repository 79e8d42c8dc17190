import { describe, expect, it } from 'vitest';
import { cpuTf } from '../tensor/node-cpu';
import { createRng } from '../math/random';
import { geometricSigmas } from './annealed-langevin';
import { ParticleLangevin } from './particle-langevin';
import type { Tensor, Tf } from '../tensor/tf';

const MEAN = [1, -2];
const COVARIANCE = [[1, 0.6], [0.6, 0.8]];

/** The exact score of N(m, C + sigma^2 I): -(C + sigma^2 I)^{-1} (x - m), for rows x [N, 2]. */
function gaussianScore(tf: Tf) {
  return (x: Tensor, sigma: number) => tf.tidy(() => {
    const [[a, b], [, d]] = COVARIANCE;
    const [p, r] = [a + sigma * sigma, d + sigma * sigma];
    const det = p * r - b * b;
    const precision = tf.tensor2d([[r / det, -b / det], [-b / det, p / det]]);
    return tf.neg(tf.matMul(tf.sub(x, tf.tensor1d(MEAN)), precision));
  });
}

function uniformStart(n: number, half: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: 2 * n }, () => -half + 2 * half * rng());
}

describe('ParticleLangevin', () => {
  it('annealed Langevin with the exact score of a 2-D Gaussian reaches its mean and covariance', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const n = 4000;
    const sigmaMin = 0.1;
    const sampler = new ParticleLangevin(tf, gaussianScore(tf), { sigmas: geometricSigmas(3, sigmaMin, 5), stepsPerLevel: 300, stepSize: 0.002 },
      uniformStart(n, 5, 1), { drawn: 100, seed: 11 });
    const progress = await sampler.step(1500);
    expect(progress.done).toBe(true);
    expect(progress.particles.length).toBe(200);
    const x = await sampler.all();
    sampler.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const mean = [0, 0];
    for (let i = 0; i < n; i += 1) for (let k = 0; k < 2; k += 1) mean[k] += x[2 * i + k] / n;
    const cov = [[0, 0], [0, 0]];
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < 2; j += 1) for (let k = 0; k < 2; k += 1) cov[j][k] += ((x[2 * i + j] - mean[j]) * (x[2 * i + k] - mean[k])) / n;
    }
    // Stationary law at the last level: N(m, C + sigma_min^2 I). Monte-Carlo s.e. of the mean about 0.016, of C about 0.02.
    expect(Math.abs(mean[0] - MEAN[0])).toBeLessThan(0.06);
    expect(Math.abs(mean[1] - MEAN[1])).toBeLessThan(0.06);
    for (let j = 0; j < 2; j += 1) {
      for (let k = 0; k < 2; k += 1) {
        const target = COVARIANCE[j][k] + (j === k ? sigmaMin * sigmaMin : 0);
        expect(Math.abs(cov[j][k] - target)).toBeLessThan(0.08);
      }
    }
  }, 60_000);

  it('stops at the end of the schedule, reports the level, and keeps its tensor count while stepping', async () => {
    const tf = await cpuTf();
    let released = 0;
    const sigmas = [2, 1, 0.5];
    const sampler = new ParticleLangevin(tf, gaussianScore(tf), { sigmas, stepsPerLevel: 4, stepSize: 0.01 }, uniformStart(50, 3, 2),
      { drawn: 500, seed: 1, release: () => { released += 1; } });
    const first = await sampler.step(5);
    expect(first.level).toBe(1);
    expect(first.sigma).toBe(1);
    expect(first.particles.length).toBe(100);
    const count = tf.memory().numTensors;
    const last = await sampler.step(100);
    expect(tf.memory().numTensors).toBe(count);
    expect(last.stepsDone).toBe(12);
    expect(last.done).toBe(true);
    expect(last.sigma).toBe(0.5);
    sampler.dispose();
    sampler.dispose();
    expect(released).toBe(1);
  });
});
