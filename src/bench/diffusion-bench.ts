/**
 * The diffusion chapter's heavy work, timed: DSM training steps of the noise-conditional score network
 * (the trainer the score-matching chapter uses, here on the 2-D mixture), and ancestral sampling of a
 * 1-D two-component mixture with its exact score, as tfjs ops on the page's backend (one readback at the
 * end) and, with includeJs, the three float64 JavaScript samplers the island runs. Driven by scripts/bench.mjs.
 */
import type { BenchRow, BenchSuite } from './harness';
import { time } from './harness';
import { sampleToyData } from '../math/toy-data-2d';
import { twoComponentMixture } from '../math/mixture';
import { noisedMixture } from '../math/diffusion';
import { DEFAULT_VP_SCHEDULE, SAMPLER_KINDS, sampleDiffusion, vpAlphaBar } from '../math/diffusion-samplers';
import { DsmTrainer } from '../training/dsm-training';
import { geometricSigmas } from '../training/annealed-langevin';
import type { Tensor, Tf } from '../derivations/types';

const SIGMAS = geometricSigmas(6, 0.05, 10);
const TRAIN_STEPS = 10;
const SAMPLING_STEPS = 50;
const DEFAULT_PARTICLES = [10_000, 100_000];
const MIXTURE = twoComponentMixture(4, 0.3, 0.5);

/** One ancestral step x <- (x + beta s(x)) / sqrt(alpha) + sd z with the exact two-component score, as tfjs ops. */
function ancestralStep(tf: Tf, x: Tensor, u: number, du: number, seed: number): Tensor {
  return tf.tidy(() => {
    const abarNow = vpAlphaBar(DEFAULT_VP_SCHEDULE, u);
    const abarPrev = vpAlphaBar(DEFAULT_VP_SCHEDULE, u - du);
    const alpha = abarNow / abarPrev;
    const beta = 1 - alpha;
    const noised = noisedMixture(MIXTURE, abarNow);
    // Two components, written out: no reduction over a length-2 axis (slow on WebGPU).
    const parts = [0, 1].map((k) => {
      const s = noised.stdDevs[k]!;
      const diff = tf.sub(noised.means[k]!, x);
      return { diff: tf.div(diff, s * s), log: tf.sub(Math.log(noised.weights[k]!) - Math.log(s), tf.mul(0.5 / (s * s), tf.square(diff))) };
    });
    const r0 = tf.sigmoid(tf.sub(parts[0]!.log, parts[1]!.log));
    const score = tf.add(tf.mul(r0, parts[0]!.diff), tf.mul(tf.sub(1, r0), parts[1]!.diff));
    const mean = tf.div(tf.add(x, tf.mul(beta, score)), Math.sqrt(alpha));
    const sd = Math.sqrt(((1 - abarPrev) * beta) / (1 - abarNow));
    return sd > 0 ? tf.add(mean, tf.mul(sd, tf.randomNormal(x.shape, 0, 1, 'float32', seed))) : mean;
  });
}

export const suite: BenchSuite = {
  name: 'diffusion',
  run: async ({ runtime, repeats, includeJs, sizes }) => {
    const { tf, backend } = runtime;
    const rows: BenchRow[] = [];
    const few = Math.max(2, Math.floor(repeats / 2));
    const data = sampleToyData('mixture', 1, 2000);
    const trainer = new DsmTrainer(tf, data, { sigmas: SIGMAS, batch: 512, learningRate: 0.003, hidden: 128, seed: 1 });
    const training = await time(async () => (await trainer.step(TRAIN_STEPS)).loss, few);
    trainer.dispose();
    rows.push({
      backend, task: `DSM training of the score network, ${TRAIN_STEPS} Adam steps`, n: 512, sizeLabel: 'batch', repeats: few, ...training,
      rate: { value: (TRAIN_STEPS * 1000) / training.medianMs, unit: 'steps/s' },
    });
    for (const particles of sizes ?? DEFAULT_PARTICLES) {
      const timing = await time(async () => {
        let x = tf.randomNormal([particles], 0, 1, 'float32', 1);
        for (let i = SAMPLING_STEPS; i >= 1; i--) {
          const next = ancestralStep(tf, x, i / SAMPLING_STEPS, 1 / SAMPLING_STEPS, i);
          x.dispose();
          x = next;
        }
        const values = await x.data();
        x.dispose();
        return values[0]!;
      }, few);
      rows.push({
        backend, task: `ancestral sampling, exact mixture score, ${SAMPLING_STEPS} steps (tfjs ops)`, n: particles, sizeLabel: 'particles', repeats: few, ...timing,
        rate: { value: (SAMPLING_STEPS * particles * 1000) / timing.medianMs, unit: 'particle-steps/s' },
      });
      if (!includeJs) continue;
      for (const kind of SAMPLER_KINDS) {
        const js = await time(async () => sampleDiffusion(MIXTURE, { kind, steps: SAMPLING_STEPS, particles, seed: 1 })[0]!, few);
        rows.push({
          backend: 'javascript', task: `${kind} sampling, exact mixture score, ${SAMPLING_STEPS} steps (float64 JS)`, n: particles, sizeLabel: 'particles', repeats: few, ...js,
          rate: { value: (SAMPLING_STEPS * particles * 1000) / js.medianMs, unit: 'particle-steps/s' },
        });
      }
    }
    return rows;
  },
};
