/**
 * Langevin sampling of the score chapter's mixture (src/training/annealed-langevin.ts): particle
 * steps per second per backend, the fused WGSL kernels (WebGPU only) against the tfjs-op path, and
 * the GPU reduction of what is drawn against reading every particle back. Each timed run ends with
 * one small readback, so queued GPU work is included.
 */
import type { BenchContext, BenchRow, BenchSuite } from './harness';
import { time } from './harness';
import { createRng, standardNormals } from '../math/random';
import { LangevinSampler, noisedMixtureConstants, noisedMixtureScore } from '../training/annealed-langevin';
import { langevinUpdate, mixtureLangevinSteps, summariseOnDevice } from '../tensor/langevin-kernels';
import type { LangevinPath } from '../tensor/langevin-kernels';
import { summariseParticles } from '../math/particle-summary';
import type { Tensor, Tf } from '../tensor/tf';

const TARGET = { weights: [0.8, 0.2], means: [-4, 4], stdDevs: [0.5, 0.5] };
const SIGMA = 1;
const ALPHA = 0.01;
const STEPS = 40;
const FRAME_STEPS = 20;
const LAYOUT = { lower: -8, upper: 8, bins: 80, threshold: 0, centre: 0 };
const DEFAULT_SIZES = [1e3, 1e4, 1e5];

function uniformStart(n: number): Float32Array {
  const rng = createRng(1);
  return Float32Array.from({ length: n }, () => -8 + 16 * rng());
}

/** Runs `steps` steps from `start` with `advance(x, step)` (which returns a new tensor), then reads back the mean. */
async function chain(tf: Tf, start: Float32Array, steps: number, advance: (x: Tensor, step: number) => Tensor, stride = 1): Promise<number> {
  let x: Tensor = tf.tensor1d(start);
  for (let step = 0; step < steps; step += stride) {
    const next = advance(x, step);
    x.dispose();
    x = next;
  }
  const mean = tf.mean(x);
  const [value] = await mean.data();
  [x, mean].forEach((t) => t.dispose());
  return value;
}

/** Plain JavaScript: the same steps in a typed-array loop, noise from Mulberry32 + Box–Muller. */
function chainJs(start: Float32Array, steps: number): number {
  const x = Float64Array.from(start);
  const c = noisedMixtureConstants(TARGET, SIGMA);
  for (let step = 0; step < steps; step += 1) {
    const z = standardNormals(createRng(step + 1), x.length);
    for (let i = 0; i < x.length; i += 1) {
      const logits = c.means.map((m, k) => c.logNormaliser[k] - 0.5 * c.inverseVar[k] * (m - x[i]) ** 2);
      const top = Math.max(...logits);
      let numerator = 0;
      let denominator = 0;
      logits.forEach((logit, k) => {
        const weight = Math.exp(logit - top);
        numerator += weight * (c.means[k] - x[i]) * c.inverseVar[k];
        denominator += weight;
      });
      x[i] += (ALPHA / 2) * (numerator / denominator) + Math.sqrt(ALPHA) * z[i];
    }
  }
  return x.reduce((s, v) => s + v, 0) / x.length;
}

export const suite: BenchSuite = {
  name: 'langevin',
  run: (context) => runLangevinBench(context),
};

async function runLangevinBench({ runtime, repeats, includeJs, sizes }: BenchContext): Promise<BenchRow[]> {
  const { tf, backend } = runtime;
  const webgpu = backend === 'webgpu';
  const constants = noisedMixtureConstants(TARGET, SIGMA);
  const fewer = Math.max(2, Math.floor(repeats / 2));
  const rows: BenchRow[] = [];
  const add = (task: string, n: number, steps: number, result: { firstMs: number; medianMs: number; value: number }, rowBackend: string = backend, count = fewer) => {
    rows.push({ backend: rowBackend, task, n, sizeLabel: 'particles', repeats: count, ...result, rate: { value: (n * steps) / (result.medianMs / 1000), unit: 'particle-steps/s' } });
  };
  for (const n of sizes ?? DEFAULT_SIZES) {
    const start = uniformStart(n);
    const opsStep = (x: Tensor, step: number) => tf.tidy(() => langevinUpdate(tf, x, noisedMixtureScore(tf, x, constants), ALPHA, 3, step, { path: 'ops' }));
    add(`Langevin ${STEPS} steps, tfjs ops`, n, STEPS, await time(() => chain(tf, start, STEPS, opsStep), fewer));
    if (webgpu) {
      const generic = (x: Tensor, step: number) => tf.tidy(() => langevinUpdate(tf, x, noisedMixtureScore(tf, x, constants), ALPHA, 3, step, { path: 'fused' }));
      add(`Langevin ${STEPS} steps, op score + fused update`, n, STEPS, await time(() => chain(tf, start, STEPS, generic), fewer));
      const single = (x: Tensor, step: number) => mixtureLangevinSteps(tf, x, constants, ALPHA, 3, step, 1);
      add(`Langevin ${STEPS} steps, fused, 1 step/dispatch`, n, STEPS, await time(() => chain(tf, start, STEPS, single), fewer));
      const batched = (x: Tensor, step: number) => mixtureLangevinSteps(tf, x, constants, ALPHA, 3, step, FRAME_STEPS);
      add(`Langevin ${STEPS} steps, fused, ${FRAME_STEPS} steps/dispatch`, n, STEPS, await time(() => chain(tf, start, STEPS, batched, FRAME_STEPS), fewer));
    }
    // What the island does per frame: FRAME_STEPS steps, then the summary it draws.
    const paths: LangevinPath[] = webgpu ? ['fused', 'ops'] : ['ops'];
    for (const path of paths) {
      const frame = await time(async () => {
        const sampler = new LangevinSampler(tf, TARGET, { sigmas: [SIGMA], stepsPerLevel: 10 * FRAME_STEPS, stepSize: ALPHA }, start, 3, { summary: LAYOUT, path });
        const progress = await sampler.advance(FRAME_STEPS);
        sampler.dispose();
        return progress.summary.mean;
      }, fewer);
      add(`island frame (${FRAME_STEPS} steps + summary), ${path === 'fused' ? 'fused' : 'tfjs ops'}`, n, FRAME_STEPS, frame);
    }
    // The summary alone: GPU two-pass reduction against a full readback summarised in JavaScript.
    // Each run summarises a fresh on-device copy (a tensor read once stays cached on the CPU).
    const base = tf.tensor1d(start);
    const fresh = async (summarise: (x: Tensor) => Promise<number>) => {
      const x = tf.mul(base, 1);
      const value = await summarise(x);
      x.dispose();
      return value;
    };
    if (webgpu) {
      const reduced = await time(() => fresh(async (x) => (await summariseOnDevice(tf, x, LAYOUT, 'fused')).summary.mean), repeats);
      rows.push({ backend, task: `summary: GPU reduction, ${LAYOUT.bins + 5} floats back`, n, sizeLabel: 'particles', repeats, ...reduced });
    }
    const readback = await time(() => fresh(async (x) => summariseParticles((await x.data()) as Float32Array, LAYOUT).mean), repeats);
    rows.push({ backend, task: 'summary: full readback + JS', n, sizeLabel: 'particles', repeats, ...readback });
    base.dispose();
    if (includeJs) add(`Langevin ${STEPS} steps, plain JS loop`, n, STEPS, await time(async () => chainJs(start, STEPS), fewer), 'javascript');
  }
  return rows;
}
