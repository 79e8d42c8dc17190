/**
 * For e2e/score-kernels.spec.ts only, on the benchmark page (never on a chapter page): runs the
 * Langevin kernels in the browser on the page's backend and returns plain numbers, so the spec can
 * check them against the JavaScript references in src/math.
 */
import { getRuntime } from '../tensor/runtime';
import {
  langevinPath, langevinUpdate, langevinUpdateOps, mixtureLangevinSteps, summariseOnDevice, verifyFusedKernels,
} from '../tensor/langevin-kernels';
import type { LangevinPath } from '../tensor/langevin-kernels';
import { noisedMixtureConstants, noisedMixtureScore } from '../training/annealed-langevin';
import { philoxNormals } from '../math/philox';
import { gaussianSamples } from '../math/random';
import { summariseParticlesFlat } from '../math/particle-summary';
import type { SummaryLayout } from '../math/particle-summary';
import type { Tensor } from '../tensor/tf';

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let largest = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i += 1) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

const MIXTURE = { weights: [0.7, 0.3], means: [-2, 3], stdDevs: [0.5, 1] };

const probe = {
  async backend(): Promise<{ backend: string; path: LangevinPath; verified: boolean }> {
    const { tf, backend } = await getRuntime();
    return { backend, path: langevinPath(tf), verified: await verifyFusedKernels(tf) };
  },

  /** The kernel's normals: one fused update of x = 0 with score 0 and alpha = 1 is z itself. */
  async normals(seed: number, step: number, n: number): Promise<number[]> {
    const { tf } = await getRuntime();
    const x = tf.zeros([n]);
    const z = langevinUpdate(tf, x, x, 1, seed, step);
    const values = await z.data();
    [x, z].forEach((t) => t.dispose());
    return Array.from(values);
  },

  /**
   * The fused generic update against tfjs ops given the same normals (the JS Philox), with and
   * without noise, on a 2-D [n, 2] particle tensor; max absolute differences.
   */
  async updateAgainstOps(n: number, alpha: number, seed: number, step: number): Promise<{ noisy: number; quiet: number; numTensorsLeaked: number }> {
    const { tf } = await getRuntime();
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(gaussianSamples(1, 2 * n, 0, 2), [n, 2]);
    const score = tf.tensor2d(gaussianSamples(2, 2 * n, 0, 1), [n, 2]);
    const noise = tf.tensor2d(philoxNormals(seed, step, 2 * n), [n, 2]);
    const pairs: [Tensor, Tensor][] = [
      [langevinUpdate(tf, x, score, alpha, seed, step, { path: 'fused' }), langevinUpdateOps(tf, x, score, alpha, noise)],
      [langevinUpdate(tf, x, score, alpha, seed, step, { path: 'fused', noiseScale: 0 }), langevinUpdateOps(tf, x, score, alpha, noise, 0)],
    ];
    const [noisy, quiet] = await Promise.all(pairs.map(async ([a, b]) => maxAbsDifference(await a.data(), await b.data())));
    pairs.flat().concat([x, score, noise]).forEach((t) => t.dispose());
    return { noisy, quiet, numTensorsLeaked: tf.memory().numTensors - before };
  },

  /**
   * `steps` mixture steps three ways: one fused dispatch, one fused dispatch per step, and tfjs ops
   * (exact score in ops, the same Philox normals); max absolute differences from the first.
   */
  async mixtureSteps(n: number, steps: number, sigma: number, alpha: number): Promise<{ perStep: number; ops: number; numTensorsLeaked: number }> {
    const { tf } = await getRuntime();
    const before = tf.memory().numTensors;
    const constants = noisedMixtureConstants(MIXTURE, sigma);
    const start = tf.tensor1d(gaussianSamples(4, n, 0, 3));
    const [seed, firstStep] = [11, 101];
    const fused = mixtureLangevinSteps(tf, start, constants, alpha, seed, firstStep, steps);
    let perStep: Tensor = start.clone();
    let ops: Tensor = start.clone();
    for (let j = 0; j < steps; j += 1) {
      const [oldFused, oldOps] = [perStep, ops];
      perStep = mixtureLangevinSteps(tf, oldFused, constants, alpha, seed, firstStep + j, 1);
      ops = tf.tidy(() => langevinUpdateOps(tf, oldOps, noisedMixtureScore(tf, oldOps, constants), alpha, tf.tensor1d(philoxNormals(seed, firstStep + j, n))));
      [oldFused, oldOps].forEach((t) => t.dispose());
    }
    const [a, b, c] = await Promise.all([fused.data(), perStep.data(), ops.data()]);
    [start, fused, perStep, ops].forEach((t) => t.dispose());
    return { perStep: maxAbsDifference(a, b), ops: maxAbsDifference(a, c), numTensorsLeaked: tf.memory().numTensors - before };
  },

  /** Langevin with the exact score of N(mean, variance) on a path; the GPU (or JS) summary at the end. */
  async gaussianChain(path: LangevinPath, n: number, steps: number, alpha: number, mean: number, variance: number): Promise<{ mean: number; variance: number; below: number; n: number }> {
    const { tf } = await getRuntime();
    let x: Tensor = tf.tensor1d(gaussianSamples(5, n, mean - 3, 1));
    for (let step = 0; step < steps; step += 1) {
      const previous = x;
      x = tf.tidy(() => langevinUpdate(tf, previous, tf.div(tf.sub(mean, previous), variance), alpha, 23, step, { path }));
      previous.dispose();
    }
    const { summary } = await summariseOnDevice(tf, x, { lower: mean - 4, upper: mean + 4, bins: 32, threshold: mean, centre: mean }, path);
    x.dispose();
    return { mean: summary.mean, variance: summary.variance, below: summary.below, n: summary.n };
  },

  /** The two-pass reduction against the JavaScript summary of the read-back particles. */
  async summaryAgainstJs(n: number, layout: SummaryLayout): Promise<{ gpu: number[]; js: number[] }> {
    const { tf } = await getRuntime();
    const values = gaussianSamples(6, n, 0.3, 1.5);
    values[0] = Number.NaN;
    values[1] = Number.POSITIVE_INFINITY;
    const x = tf.tensor1d(values);
    const { summary } = await summariseOnDevice(tf, x, layout, 'fused');
    x.dispose();
    const gpu = [...summary.counts, summary.underflow, summary.overflow, summary.below, summary.mean, summary.variance, summary.nonFinite];
    const reference = summariseParticlesFlat(values, layout);
    const finite = n - 2;
    const shifted = reference[layout.bins + 3]! / finite;
    const js = [...reference.subarray(0, layout.bins + 3), layout.centre + shifted, reference[layout.bins + 4]! / finite - shifted * shifted, 2];
    return { gpu, js };
  },
};

declare global {
  interface Window {
    __kernelProbe?: typeof probe;
  }
}

window.__kernelProbe = probe;
