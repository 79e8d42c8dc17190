import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTf } from '../tensor/node-cpu';
import { ismExact } from '../derivations/gaussian-ssm';
import { projectionSeries } from './ssm-projections';
import type { Tf } from '../tensor/tf';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const params = { rho: 0.5, k11: 1, k22: 2, r: -0.3 };

describe('projectionSeries', () => {
  it('every sliced estimate (M = 1..64, Rademacher and Gaussian) equals J_ISM within 4 standard errors', async () => {
    const series = await projectionSeries(tf, params, { n: 1000, seed: 1 }, 64);
    expect(series.exact).toBe(ismExact(params));
    for (const kind of ['rademacher', 'gaussian'] as const) {
      expect(series.estimates[kind].map((e) => e.projections)).toEqual(Array.from({ length: 64 }, (_, m) => m + 1));
      for (const e of series.estimates[kind]) {
        expect(Math.abs(e.value - series.exact), `${kind} M = ${e.projections}`).toBeLessThan(4 * e.stdErr);
      }
    }
    expect(Math.abs(series.sampleIsm.value - series.exact)).toBeLessThan(4 * series.sampleIsm.stdErr);
  });

  it('the noise slicing adds falls like 1/sqrt(M), and the estimate tends to the sample ISM on the same points', async () => {
    const series = await projectionSeries(tf, params, { n: 2000, seed: 3 }, 64);
    for (const kind of ['rademacher', 'gaussian'] as const) {
      const [one, , , four] = series.estimates[kind];
      const last = series.estimates[kind][63];
      expect(four.gapStdErr / one.gapStdErr).toBeGreaterThan(0.5 * 0.8);
      expect(four.gapStdErr / one.gapStdErr).toBeLessThan(0.5 * 1.2);
      expect(last.gapStdErr / one.gapStdErr).toBeGreaterThan(0.125 * 0.8);
      expect(last.gapStdErr / one.gapStdErr).toBeLessThan(0.125 * 1.2);
      // Consistent: the estimate minus the sample ISM is exactly the gap.
      expect(last.value - series.sampleIsm.value).toBeCloseTo(last.gap, 4);
      expect(Math.abs(last.gap)).toBeLessThan(4 * last.gapStdErr);
      // With many directions the total error approaches the data's own.
      expect(last.stdErr / series.sampleIsm.stdErr).toBeLessThan(kind === 'rademacher' ? 1.05 : 1.2);
      expect(one.stdErr).toBeGreaterThan(last.stdErr);
    }
    // Gaussian directions add more noise than signs (B3.7: v_i^2 = 1 exactly for a sign).
    expect(series.estimates.gaussian[0].gapStdErr).toBeGreaterThan(2 * series.estimates.rademacher[0].gapStdErr);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await projectionSeries(tf, params, { n: 100, seed: 2 }, 8);
    expect(tf.memory().numTensors).toBe(before);
  });
});
