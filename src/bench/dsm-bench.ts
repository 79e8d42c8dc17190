/**
 * The trained-score island's heavy work, timed on the page's backend: DSM training steps (Adam on
 * a 3 -> 128 -> 128 -> 2 softplus MLP over ten noise levels) at batch 128 and 1024, and annealed
 * Langevin steps of 10,000 particles with the learned score. Driven by scripts/bench.mjs.
 */
import type { BenchRow, BenchSuite } from './harness';
import { time } from './harness';
import { sampleToyData } from '../math/toy-data-2d';
import { createRng } from '../math/random';
import { DsmTrainer } from '../training/dsm-training';
import { ParticleLangevin } from '../training/particle-langevin';
import { learnedScore } from '../training/score-net';
import { geometricSigmas } from '../training/annealed-langevin';

const SIGMAS = geometricSigmas(6, 0.05, 10);
const TRAIN_STEPS = 10;
const LANGEVIN_STEPS = 5;
const DEFAULT_BATCHES = [128, 1024];
const PARTICLES = 10_000;

export const suite: BenchSuite = {
  name: 'dsm',
  run: async ({ runtime, repeats, sizes }) => {
    const { tf, backend } = runtime;
    const data = sampleToyData('moons', 1, 2000);
    const rows: BenchRow[] = [];
    const few = Math.max(2, Math.floor(repeats / 2));
    for (const batch of sizes ?? DEFAULT_BATCHES) {
      const trainer = new DsmTrainer(tf, data, { sigmas: SIGMAS, batch, learningRate: 0.003, hidden: 128, seed: 1 });
      const timing = await time(async () => (await trainer.step(TRAIN_STEPS)).loss, few);
      trainer.dispose();
      rows.push({
        backend, task: `DSM training, ${TRAIN_STEPS} Adam steps`, n: batch, sizeLabel: 'batch', repeats: few, ...timing,
        rate: { value: (TRAIN_STEPS * 1000) / timing.medianMs, unit: 'steps/s' },
      });
    }
    const source = new DsmTrainer(tf, data, { sigmas: SIGMAS, batch: 128, learningRate: 0.003, hidden: 128, seed: 1 });
    await source.step(1);
    const rng = createRng(2);
    const initial = Float32Array.from({ length: 2 * PARTICLES }, () => 8 * rng() - 4);
    const langevin = await time(async () => {
      const weights = source.snapshot();
      const sampler = new ParticleLangevin(tf, (x, sigma) => learnedScore(tf, weights, x, sigma),
        { sigmas: SIGMAS, stepsPerLevel: 2, stepSize: 0.0005 }, initial, { drawn: 2000, seed: 3, release: () => weights.forEach((w) => w.dispose()) });
      const progress = await sampler.step(LANGEVIN_STEPS);
      sampler.dispose();
      return progress.particles[0];
    }, few);
    source.dispose();
    rows.push({
      backend, task: `Langevin with the learned score, ${LANGEVIN_STEPS} steps`, n: PARTICLES, sizeLabel: 'particles', repeats: few, ...langevin,
      rate: { value: (LANGEVIN_STEPS * PARTICLES * 1000) / langevin.medianMs, unit: 'particle-steps/s' },
    });
    return rows;
  },
};
