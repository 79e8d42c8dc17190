/**
 * The energy-based-model islands' heavy steps, per backend: the autodiff check of the quartic ISM
 * solution (J^ and grad_theta J^, third-order autodiff on N points) against the float64 JavaScript
 * linear system it checks, and 10 Adam steps of the 2-D MLP energy (exact Laplacians, D = 2 nested
 * passes) on N ring points. Driven by scripts/bench.mjs (`--suites=energy`).
 */
import { ismAutodiffCheck } from '../training/polynomial-ism';
import { MlpEnergyIsm } from '../training/mlp-energy-ism';
import { fitIsm, ismObjective, standardise, thetaToStandardised } from '../math/polynomial-energy';
import { samplePolynomialDensity } from '../math/polynomial-normaliser';
import { sampleRing } from '../math/ring';
import { time } from './harness';
import type { BenchRow, BenchSuite } from './harness';

const TARGET = [0.3, 2, -0.2, -0.5];
const MLP_STEPS = 10;
const DEFAULT_SIZES = [100, 1000, 10_000];

export const suite: BenchSuite = {
  name: 'energy',
  run: async ({ runtime, repeats, includeJs, sizes }) => {
    const { tf, backend } = runtime;
    const rows: BenchRow[] = [];
    for (const n of sizes ?? DEFAULT_SIZES) {
      const standard = standardise(samplePolynomialDensity(TARGET, 1, n));
      const z = Float32Array.from(standard.z);
      const theta = thetaToStandardised(fitIsm(standard.z, 4), { mean: 0, scale: 1 });
      const check = await time(async () => (await ismAutodiffCheck(tf, z, theta)).objective, repeats);
      rows.push({ backend, task: 'quartic ISM: J^ and its gradient by autodiff', n, repeats, ...check });
      if (includeJs) {
        // The same value as the autodiff row: J^ at the solution, on standardised data.
        const solve = await time(async () => ismObjective(fitIsm(standard.z, 4), standard.z), repeats);
        rows.push({ backend: 'javascript', task: 'quartic ISM: 4 x 4 linear system (float64)', n, repeats, ...solve });
      }
      // The MLP's third-order autodiff is heavy: keep N moderate so a row takes seconds, not minutes.
      if (n > 1000) continue;
      const ring = sampleRing(1, n, 2, 0.2);
      const mlpRepeats = Math.max(2, Math.floor(repeats / 2));
      const mlp = await time(async () => {
        const trainer = new MlpEnergyIsm(tf, ring, { hidden: 16, rate: 0.01, seed: 1, confinement: 0.1, penalty: 0.1, grid: { lower: -3.5, upper: 3.5, cells: 40 } });
        const state = await trainer.step(MLP_STEPS);
        trainer.dispose();
        return state.objective;
      }, mlpRepeats);
      rows.push({ backend, task: `MLP energy: ${MLP_STEPS} Adam steps of ISM`, n, repeats: mlpRepeats, ...mlp, rate: { value: (MLP_STEPS * 1000) / mlp.medianMs, unit: 'steps/s' } });
    }
    return rows;
  },
};
