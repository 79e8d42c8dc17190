import { describe, expect, it } from 'vitest';
import { cpuTf } from '../tensor/node-cpu';
import { sampleToyData } from '../math/toy-data-2d';
import { DsmTrainer } from './dsm-training';
import { dsmLoss, learnedScore, stratifiedLevels } from './score-net';
import { geometricSigmas } from './annealed-langevin';

const softplus = (v: number) => Math.log1p(Math.exp(v));

describe('dsmLoss', () => {
  it('dsmLoss of a one-unit network equals the loss computed by hand', async () => {
    const tf = await cpuTf();
    // f(x, sigma) = W3 softplus(w2 softplus(a x1 + b x2 + c ln sigma + d) + g) + b3, hidden width 1.
    const [a, b, c, d, w2, g, p, q, r1, r2] = [0.5, -0.3, 0.2, 0.1, 1.5, -0.4, 0.7, -1.1, 0.05, -0.02];
    const rows = [
      { x: [1, -0.5], eps: [0.3, -1.2], sigma: 0.5, weight: 0.25 },
      { x: [-2, 0.7], eps: [-0.8, 0.4], sigma: 2, weight: 0.75 },
    ];
    let expected = 0;
    for (const row of rows) {
      const noised = [row.x[0] + row.sigma * row.eps[0], row.x[1] + row.sigma * row.eps[1]];
      const h1 = softplus(a * noised[0] + b * noised[1] + c * Math.log(row.sigma) + d);
      const h2 = softplus(w2 * h1 + g);
      const score = [(p * h2 + r1) / row.sigma, (q * h2 + r2) / row.sigma];
      const residual = [row.sigma * score[0] + row.eps[0], row.sigma * score[1] + row.eps[1]];
      expected += row.weight * 0.5 * (residual[0] ** 2 + residual[1] ** 2);
    }
    const weights = [
      tf.tensor2d([[a], [b]]), tf.tensor2d([[c]]), tf.tensor1d([d]), tf.tensor2d([[w2]]), tf.tensor1d([g]),
      tf.tensor2d([[p, q]]), tf.tensor1d([r1, r2]),
    ];
    const column = (key: 'sigma' | 'weight', map = (v: number) => v) => tf.tensor2d(rows.map((r) => [map(r[key])]));
    const loss = dsmLoss(tf, weights, {
      x: tf.tensor2d(rows.map((r) => r.x)),
      eps: tf.tensor2d(rows.map((r) => r.eps)),
      sigma: column('sigma'),
      logSigma: column('sigma', Math.log),
      rowWeight: column('weight'),
    });
    expect((await loss.data())[0]).toBeCloseTo(expected, 5);
    tf.disposeVariables();
  });

  it('stratifiedLevels(128, 10) weights every level equally and sum to 1', () => {
    const { level, weight } = stratifiedLevels(128, 10);
    const perLevel = new Array<number>(10).fill(0);
    level.forEach((l, i) => { perLevel[l] += weight[i]; });
    perLevel.forEach((total) => expect(total).toBeCloseTo(0.1, 6));
    expect(() => stratifiedLevels(5, 10)).toThrow(RangeError);
  });
});

describe('DsmTrainer', () => {
  const sigmas = geometricSigmas(6, 0.1, 10);

  it('starts at the loss of predicting no noise, 1/2 E|eps|^2 = 1, and training on a fixed seed lowers it', async () => {
    const tf = await cpuTf();
    const trainer = new DsmTrainer(tf, sampleToyData('mixture', 1, 2000), { sigmas, batch: 128, learningRate: 0.005, hidden: 64, seed: 3 });
    // The output layer starts at zero: the first loss is (1/2)|eps|^2 averaged over 128 rows (sd about 0.09).
    const first = await trainer.step(1);
    expect(Math.abs(first.loss - 1)).toBeLessThan(0.3);
    const start = await trainer.step(20);
    await trainer.step(400);
    const end = await trainer.step(40);
    trainer.dispose();
    expect(end.iteration).toBe(461);
    console.info(`DSM loss: first ${first.loss}, steps 2-21 ${start.loss}, steps 422-461 ${end.loss}`);
    expect(end.loss).toBeLessThan(start.loss - 0.2);
  }, 60_000);

  it('is reproducible from its seed', async () => {
    const tf = await cpuTf();
    const run = async () => {
      const trainer = new DsmTrainer(tf, sampleToyData('moons', 1, 500), { sigmas, batch: 32, learningRate: 0.01, hidden: 16, seed: 9 });
      const state = await trainer.step(30);
      trainer.dispose();
      return state.loss;
    };
    expect(await run()).toBe(await run());
  });

  it('returns the score field at the chosen level with each readback, equal to learnedScore', async () => {
    const tf = await cpuTf();
    const fieldPoints = Float32Array.from([0, 0, 1, -1, -2, 2]);
    const trainer = new DsmTrainer(tf, sampleToyData('moons', 1, 500), { sigmas, batch: 32, learningRate: 0.01, hidden: 16, seed: 2, fieldPoints });
    trainer.fieldLevel = 4;
    const state = await trainer.step(10);
    expect(state.field.length).toBe(6);
    expect(state.fieldSigma).toBe(sigmas[4]);
    const again = await trainer.field(4);
    expect(Array.from(again!)).toEqual(Array.from(state.field));
    const weights = trainer.snapshot();
    const direct = learnedScore(tf, weights, tf.tensor2d(fieldPoints, [3, 2]), sigmas[4]);
    const values = await direct.data();
    values.forEach((v, i) => expect(v).toBeCloseTo(state.field[i], 5));
    weights.forEach((w) => w.dispose());
    trainer.dispose();
    expect(await trainer.field(4)).toBeUndefined();
  });

  it('leaks no tensors over many steps and after dispose', async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const trainer = new DsmTrainer(tf, sampleToyData('swiss-roll', 1, 500), { sigmas, batch: 32, learningRate: 0.01, hidden: 16, seed: 2, fieldPoints: new Float32Array(8) });
    await trainer.step(5);
    const during = tf.memory().numTensors;
    for (let i = 0; i < 20; i += 1) await trainer.step(5);
    await trainer.field(0);
    await trainer.evaluateLoss();
    expect(tf.memory().numTensors).toBe(during);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
