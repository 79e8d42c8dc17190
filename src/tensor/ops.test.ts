import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTf } from './node-cpu';
import { rowSum, sumTensors } from './ops';
import type { Tf } from './tf';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('sumTensors', () => {
  it('adds 1 to 13 tensors elementwise (four at a time, never one wide AddN)', async () => {
    for (let count = 1; count <= 13; count += 1) {
      const total = tf.tidy(() => sumTensors(tf, Array.from({ length: count }, (_, k) => tf.tensor1d([k + 1, -(k + 1) * 2]))));
      expect(Array.from(await total.data())).toEqual([(count * (count + 1)) / 2, -count * (count + 1)]);
      total.dispose();
    }
  });

  it('rowSum of a [2, 9] tensor is the sum of each row', async () => {
    const sums = tf.tidy(() => rowSum(tf, tf.tensor2d([Array.from({ length: 9 }, (_, j) => j), Array.from({ length: 9 }, () => 1)])));
    expect(Array.from(await sums.data())).toEqual([36, 9]);
    sums.dispose();
  });
});
