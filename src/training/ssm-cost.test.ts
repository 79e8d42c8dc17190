import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, standardNormals } from '../math/random';
import { meanAndStdErr } from '../math/stats';
import { cpuTf } from '../tensor/node-cpu';
import { scoreOf } from '../tensor/score';
import type { LogDensity } from '../tensor/score';
import {
  coordinateDirections, costSweep, energyLogDensity, energyWeightTensors, initialEnergyWeights, ismIntegrandBatched,
  ismIntegrandLoop, medianOf, rademacherDirections, ssmIntegrand,
} from './ssm-cost';
import type { Scalar, Tensor, Tf } from '../tensor/tf';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

async function read(tensor: Tensor): Promise<number[]> {
  const values = Array.from(await tensor.data());
  tensor.dispose();
  return values;
}

/** Rows of a seeded N(0, I_D) sample, shape [n, D]. */
const sample = (n: number, dims: number, seed: number) => tf.tensor2d(standardNormals(createRng(seed), n * dims), [n, dims], 'float32');

/** A symmetric positive-definite D x D matrix A = B B^T / D + I, row-major. */
function spdMatrix(dims: number, seed: number): number[][] {
  const b = Array.from(standardNormals(createRng(seed), dims * dims));
  return Array.from({ length: dims }, (_, i) => Array.from({ length: dims }, (_, j) =>
    b.slice(i * dims, i * dims + dims).reduce((s, v, k) => s + v * b[j * dims + k], 0) / dims + (i === j ? 1 : 0)));
}

const shape = { dims: 5, hidden: 8 };
const mlp = (weights: readonly Tensor[]): LogDensity => energyLogDensity(tf, weights);

describe('the exact ISM trace by D backward passes', () => {
  it('is -tr(A) for the linear score s(x) = -A x, at every row, looped and batched', async () => {
    const dims = 6;
    const a = spdMatrix(dims, 3);
    const traceA = a.reduce((s, row, i) => s + row[i], 0);
    const [loop, batched, halfSquared] = tf.tidy(() => {
      const matrix = tf.tensor2d(a);
      const logDensity: LogDensity = (x) => tf.mul(-0.5, tf.sum(tf.mul(tf.matMul(x, matrix), x), 1));
      const x = sample(4, dims, 9);
      const score = tf.matMul(x, matrix);
      return [
        ismIntegrandLoop(tf, logDensity, x),
        ismIntegrandBatched(tf, logDensity, x, coordinateDirections(tf, 4, dims)),
        tf.mul(0.5, tf.sum(tf.square(score), 1)),
      ];
    });
    const expected = (await read(halfSquared)).map((h) => h - traceA);
    (await read(loop)).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 3));
    (await read(batched)).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 3));
  });

  it('equals the trace of the finite-difference Jacobian of the score for the MLP energy', async () => {
    const h = 1e-2;
    const weights = energyWeightTensors(tf, shape, initialEnergyWeights(shape, 4));
    const x = sample(3, shape.dims, 11);
    const [integrand, halfSquared] = tf.tidy(() => {
      const score = scoreOf(tf, mlp(weights), x);
      return [ismIntegrandLoop(tf, mlp(weights), x), tf.mul(0.5, tf.sum(tf.square(score), 1))];
    });
    const autodiffTrace = (await read(integrand)).map((value, i) => value);
    const squares = await read(halfSquared);
    // Central differences (s_d(x + h e_d) - s_d(x - h e_d)) / 2h, summed over d; error O(h^2).
    const differences = tf.tidy(() => {
      const terms = Array.from({ length: shape.dims }, (_, d) => {
        const step = tf.mul(h, tf.oneHot(tf.fill([3], d, 'int32'), shape.dims));
        const column = (t: Tensor) => tf.reshape(tf.slice(t, [0, d], [3, 1]), [3]);
        return tf.div(tf.sub(column(scoreOf(tf, mlp(weights), tf.add(x, step))), column(scoreOf(tf, mlp(weights), tf.sub(x, step)))), 2 * h);
      });
      return tf.addN(terms);
    });
    const finiteTrace = await read(differences);
    autodiffTrace.forEach((value, i) => expect(value - squares[i]).toBeCloseTo(finiteTrace[i], 2));
    // The Gaussian base alone contributes -D; the network must move it.
    expect(finiteTrace.some((t) => Math.abs(t + shape.dims) > 0.05)).toBe(true);
    weights.forEach((w) => w.dispose());
    x.dispose();
  });
});

describe('sliced score matching on the MLP energy', () => {
  const many = 4000;

  for (const kind of ['Rademacher', 'Gaussian'] as const) {
    it(`averaged over ${many} ${kind} projections per point, equals the exact ISM integrand within 4 s.e.`, async () => {
      const n = 3;
      const rng = createRng(kind === 'Rademacher' ? 21 : 22);
      const directions = kind === 'Rademacher'
        ? rademacherDirections(rng, n * many, shape.dims)
        : standardNormals(rng, n * many * shape.dims);
      const weights = energyWeightTensors(tf, shape, initialEnergyWeights(shape, 5));
      const [sliced, exact] = tf.tidy(() => {
        const x = sample(n, shape.dims, 12);
        // Row p * n + i holds x_i and its p-th projection.
        const tiled = tf.tile(x, [many, 1]);
        const v = tf.tensor2d(directions, [n * many, shape.dims], 'float32');
        return [ssmIntegrand(tf, mlp(weights), tiled, v), ismIntegrandLoop(tf, mlp(weights), x)];
      });
      const values = await read(sliced);
      const targets = await read(exact);
      for (let i = 0; i < n; i += 1) {
        const { mean, stdErr } = meanAndStdErr(values.filter((_, row) => row % n === i));
        expect(Math.abs(mean - targets[i]), `point ${i}: ${mean} ± ${stdErr} vs ${targets[i]}`).toBeLessThan(4 * stdErr);
        expect(stdErr).toBeGreaterThan(0);
      }
      weights.forEach((w) => w.dispose());
    });
  }

  it('averaged over all 2^D sign vectors, its objective and its gradient in theta equal exact ISM', async () => {
    const dims = 4;
    const small = { dims, hidden: 6 };
    const n = 5;
    const signs = Array.from({ length: 2 ** dims }, (_, k) => Array.from({ length: dims }, (_, d) => ((k >> d) & 1 ? 1 : -1)));
    const weights = energyWeightTensors(tf, small, initialEnergyWeights(small, 6));
    const results = tf.tidy(() => {
      const x = sample(n, dims, 13);
      const tiled = tf.tile(x, [signs.length, 1]);
      const v = tf.tensor2d(signs.flatMap((s) => Array.from({ length: n }, () => s)));
      const ism = tf.valueAndGrads((...theta: Tensor[]) => tf.mean(ismIntegrandLoop(tf, mlp(theta), x)) as Scalar)([...weights]);
      const ssm = tf.valueAndGrads((...theta: Tensor[]) => tf.mean(ssmIntegrand(tf, mlp(theta), tiled, v)) as Scalar)([...weights]);
      return [ism.value, ssm.value, ...ism.grads.map((g) => tf.reshape(g, [-1])), ...ssm.grads.map((g) => tf.reshape(g, [-1]))];
    });
    const [ismValue, ssmValue, ...gradients] = await Promise.all(results.map(read));
    expect(ssmValue[0]).toBeCloseTo(ismValue[0], 4);
    for (let k = 0; k < 5; k += 1) {
      gradients[k].forEach((g, j) => expect(gradients[k + 5][j]).toBeCloseTo(g, 3));
    }
    weights.forEach((w) => w.dispose());
  });

  it('the third-order gradient in theta matches central differences of the objective (all three methods)', async () => {
    const h = 2e-2;
    const host = initialEnergyWeights(shape, 7);
    const x = sample(6, shape.dims, 14);
    const v = tf.tensor2d(rademacherDirections(createRng(3), 6, shape.dims), [6, shape.dims], 'float32');
    const directions = coordinateDirections(tf, 6, shape.dims);
    const objectives: Record<string, (ld: LogDensity) => Tensor> = {
      loop: (ld) => ismIntegrandLoop(tf, ld, x),
      batched: (ld) => ismIntegrandBatched(tf, ld, x, directions),
      ssm: (ld) => ssmIntegrand(tf, ld, x, v),
    };
    // One entry of each weight: W1[1, 2], b1[3], W2[4, 0], b2[5], w3[2].
    const probes: [number, number][] = [[0, 1 * shape.hidden + 2], [1, 3], [2, 4 * shape.hidden], [3, 5], [4, 2]];
    for (const [name, objective] of Object.entries(objectives)) {
      const weights = energyWeightTensors(tf, shape, host);
      const grads = tf.tidy(() => tf.valueAndGrads((...theta: Tensor[]) => tf.mean(objective(mlp(theta))) as Scalar)([...weights]).grads
        .map((g) => tf.reshape(g, [-1])));
      const autodiff = await Promise.all(grads.map(read));
      for (const [k, j] of probes) {
        const at = async (delta: number) => {
          const moved = host.map((w, kk) => (kk === k ? w.map((value, jj) => (jj === j ? value + delta : value)) : w)) as unknown as typeof host;
          const ws = energyWeightTensors(tf, shape, moved);
          const value = (await read(tf.tidy(() => tf.mean(objective(mlp(ws))))))[0];
          ws.forEach((w) => w.dispose());
          return value;
        };
        const finite = ((await at(h)) - (await at(-h))) / (2 * h);
        expect(Math.abs(autodiff[k][j] - finite), `${name}: weight ${k}[${j}] autodiff ${autodiff[k][j]} vs ${finite}`)
          .toBeLessThan(2e-3 + 2e-2 * Math.abs(finite));
      }
      weights.forEach((w) => w.dispose());
    }
    [x, v, directions].forEach((t) => t.dispose());
  });
});

describe('costSweep', () => {
  it('times every method at every D, excludes the warm-up block, reports medians per step and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    // A fake clock: block k of the sweep takes 10 k ms, so medians are known exactly.
    let clock = 0;
    let calls = 0;
    const now = () => {
      calls += 1;
      if (calls % 2 === 0) clock += 10 * (calls / 2);
      return clock;
    };
    const progress = [];
    for await (const p of costSweep(tf, { dimensions: [2, 3], methods: ['ism-loop', 'ssm'], batch: 4, hidden: 3, stepsPerBlock: 2, repeats: 3, seed: 1 }, now)) {
      progress.push(p);
    }
    expect(progress.length).toBe(2 * 2 * 4);
    expect(progress.map((p) => p.blocksDone)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const { timings } = progress[progress.length - 1];
    expect(timings.map((t) => `${t.method}@${t.dims}`)).toEqual(['ism-loop@2', 'ssm@2', 'ism-loop@3', 'ssm@3']);
    // The first cell's blocks take 10, 20, 30, 40 ms over 2 steps: warm-up 5 ms/step, median of 10, 15, 20.
    expect(timings[0].firstMsPerStep).toBe(5);
    expect(timings[0].msPerStep).toBe(15);
    expect(timings.every((t) => Number.isFinite(t.loss))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stopping early (breaking out of the loop) frees the run in progress', async () => {
    const before = tf.memory().numTensors;
    for await (const p of costSweep(tf, { dimensions: [4], methods: ['ism-batched'], batch: 4, hidden: 3, stepsPerBlock: 1, repeats: 5, seed: 2 })) {
      if (p.block === 1) break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('medianOf: odd and even counts', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });
});
