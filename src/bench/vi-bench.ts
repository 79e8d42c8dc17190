/**
 * The variational-inference chapter's training loops, timed on the page's backend: Adam steps of the
 * reparameterised ELBO ascent (M draws per step, one readback per run) and VAE training steps
 * (minibatch of 256 2-D points, two hidden layers of 32, 2-D latent). Driven by scripts/bench.mjs
 * through window.__bench (src/bench/index.ts); `--sizes` sets the ascent's draws M. Each includes the
 * readback at the end of its run (the islands read back once per frame).
 */
import type { BenchRow, BenchSuite } from './harness';
import { time } from './harness';
import { ElboAscent } from '../training/elbo-ascent';
import { conjugateData } from '../derivations/conjugate-elbo';
import { Vae } from '../training/vae';
import { summarize } from '../math/conjugate-gaussian';
import { toyData } from '../math/toy-data';

const ASCENT_STEPS = 100;
const VAE_STEPS = 20;
const VAE_BATCH = 256;
const DEFAULT_DRAWS = [8, 64];

export const suite: BenchSuite = {
  name: 'vi',
  run: async ({ runtime, repeats, sizes }) => {
    const { tf, backend } = runtime;
    const rows: BenchRow[] = [];
    const trainingRepeats = Math.max(2, Math.floor(repeats / 2));
    const data = summarize(conjugateData(3, 20, 1));
    for (const draws of sizes ?? DEFAULT_DRAWS) {
      // One model, stepped on: the first run includes kernel compilation, the median is steady state.
      const model = new ElboAscent(tf, data, { noiseSd: 1, priorMean: 0, priorSd: 1 }, { init: { mean: -2, stdDev: 1 }, learningRate: 0.05, draws, seed: 5 });
      const ascent = await time(async () => (await model.step(ASCENT_STEPS)).mean, trainingRepeats);
      model.dispose();
      rows.push({ backend, task: `ELBO ascent, ${ASCENT_STEPS} Adam steps`, n: draws, sizeLabel: 'M', repeats: trainingRepeats, ...ascent, rate: { value: (ASCENT_STEPS * 1000) / ascent.medianMs, unit: 'steps/s' } });
    }
    const { points } = toyData('ring', 4 * VAE_BATCH, 1);
    const model = new Vae(tf, { points, latentDim: 2, hidden: [32, 32], learningRate: 0.01, batchSize: VAE_BATCH, seed: 1 });
    const vae = await time(async () => (await model.step(VAE_STEPS)).elbo, trainingRepeats);
    model.dispose();
    rows.push({ backend, task: `VAE training, ${VAE_STEPS} Adam steps`, n: VAE_BATCH, sizeLabel: 'batch', repeats: trainingRepeats, ...vae, rate: { value: (VAE_STEPS * 1000) / vae.medianMs, unit: 'steps/s' } });
    return rows;
  },
};
