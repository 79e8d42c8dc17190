import { beforeAll, describe, expect, it } from 'vitest';
import { sampleRing } from '../math/ring';
import { gaussianSamples } from '../math/random';
import { scoreDivergence, scoreOf } from '../tensor/score';
import { cpuTf } from '../tensor/node-cpu';
import { MlpEnergyIsm, mlpEnergy, mlpIsmObjective } from './mlp-energy-ism';
import type { Tensor, Tf } from '../tensor/tf';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const HIDDEN = 8;
const GRID = { lower: -3, upper: 3, cells: 12 };

/** Fixed random weights W1 [2, h], b1, W2 [h, h], b2, w3 [h, 1]. */
function weights(): Tensor[] {
  const normal = (seed: number, shape: number[]) => tf.tensor(gaussianSamples(seed, shape.reduce((a, b) => a * b, 1), 0, 0.7), shape, 'float32');
  return [normal(1, [2, HIDDEN]), normal(2, [HIDDEN]), normal(3, [HIDDEN, HIDDEN]), normal(4, [HIDDEN]), normal(5, [HIDDEN, 1])];
}

describe('MLP energy trained by ISM (tfjs cpu)', () => {
  it('the Laplacian by D = 2 nested backward passes matches central differences of the autodiff score', async () => {
    const w = weights();
    const points = [[0.3, -0.8], [1.5, 0.2], [-1.1, 1.7]];
    const logDensity = (input: Tensor) => tf.neg(mlpEnergy(tf, w, 0.1, input));
    const h = 1e-2;
    const packed = tf.tidy(() => {
      const x = tf.tensor2d(points, [3, 2], 'float32');
      const shifted = (d: number, sign: number) => tf.add(x, tf.mul(sign * h, tf.oneHot(tf.fill([3], d, 'int32'), 2)));
      // d s_d / d x_d by differences of the (first-derivative) score, summed over d.
      const differences = [0, 1].map((d) => {
        const column = (t: Tensor) => tf.reshape(tf.slice(scoreOf(tf, logDensity, t), [0, d], [3, 1]), [3]);
        return tf.div(tf.sub(column(shifted(d, 1)), column(shifted(d, -1))), 2 * h);
      });
      return tf.concat([scoreDivergence(tf, logDensity, x), tf.add(differences[0]!, differences[1]!)]);
    });
    const values = await packed.data();
    packed.dispose();
    w.forEach((t) => t.dispose());
    for (let i = 0; i < 3; i += 1) expect(values[i]!).toBeCloseTo(values[3 + i]!, 2);
  });

  it('the gradient of J^ in a weight (third-order autodiff) matches a central difference in that weight', async () => {
    const w = weights();
    const data = tf.tensor2d(sampleRing(6, 40, 2, 0.3), [40, 2], 'float32');
    const objectiveAt = (shift: number) => tf.tidy(() => {
      const moved = [...w];
      moved[2] = tf.add(w[2]!, tf.mul(shift, tf.reshape(tf.oneHot(tf.tensor1d([3], 'int32'), HIDDEN * HIDDEN), [HIDDEN, HIDDEN])));
      return mlpIsmObjective(tf, moved, 0.1, data);
    });
    const gradient = tf.tidy(() => tf.slice(tf.reshape(tf.grad((w2: Tensor) => mlpIsmObjective(tf, [w[0]!, w[1]!, w2, w[3]!, w[4]!], 0.1, data))(w[2]!), [-1]), [3], [1]));
    const h = 1e-2;
    const [plus, minus] = [objectiveAt(h), objectiveAt(-h)];
    const difference = ((await plus.data())[0]! - (await minus.data())[0]!) / (2 * h);
    const autodiff = (await gradient.data())[0]!;
    [plus, minus, gradient, data, ...w].forEach((t) => t.dispose());
    expect(Math.abs(autodiff - difference)).toBeLessThan(2e-2 * Math.max(1, Math.abs(difference)));
    expect(Math.abs(autodiff)).toBeGreaterThan(1e-3);
  });

  it('with the network switched off (w3 = 0) E = c|x|^2/2: J^ = mean(c^2 |x|^2 / 2) - 2c, and the penalty adds 2 lambda c^2', async () => {
    const w = weights();
    w[4]!.dispose();
    w[4] = tf.zeros([HIDDEN, 1]);
    const data = sampleRing(2, 50, 2, 0.2);
    const c = 0.7;
    const result = tf.tidy(() => tf.stack([0, 0.5].map((penalty) => mlpIsmObjective(tf, w, c, tf.tensor2d(data, [50, 2], 'float32'), penalty))));
    const [value, penalised] = await result.data();
    result.dispose();
    // The curvature penalty adds lambda sum_d (d s_d / d x_d)^2 = lambda 2 c^2.
    expect(penalised! - value!).toBeCloseTo(0.5 * 2 * c * c, 4);
    w.forEach((t) => t.dispose());
    let squared = 0;
    for (let i = 0; i < 50; i += 1) squared += data[2 * i]! ** 2 + data[2 * i + 1]! ** 2;
    expect(value!).toBeCloseTo((0.5 * c * c * squared) / 50 - 2 * c, 4);
  });

  it('Adam lowers J^ on ring data, the energy is lowest near the ring, and every tensor is freed', async () => {
    const before = tf.memory().numTensors;
    const trainer = new MlpEnergyIsm(tf, sampleRing(4, 100, 2, 0.15), { hidden: 8, rate: 0.05, seed: 1, confinement: 0.1, penalty: 0, grid: GRID });
    const start = await trainer.step(0);
    const end = await trainer.step(100);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(end.objective).toBeLessThan(start.objective - 1);
    // Energy at the grid cell nearest (2, 0) is below the energy at the centre cell.
    const at = (x: number, y: number) => {
      const cell = (v: number) => Math.floor(((v - GRID.lower) / (GRID.upper - GRID.lower)) * GRID.cells);
      return end.energies[cell(y) * GRID.cells + cell(x)]!;
    };
    expect(at(2, 0)).toBeLessThan(at(0, 0));
    expect(at(0, -2)).toBeLessThan(at(0, 0));
  }, 60_000);
});
