import { describe, expect, it } from 'vitest';
import { costSummary } from './cost-summary';

const METHODS = { slow: 'ism-loop', fast: 'ssm', exactA: 'ism-loop', exactB: 'ism-batched' };
const cell = (method: string, dims: number, msPerStep: number, loss: number) => ({ method, dims, msPerStep, loss });

describe('costSummary', () => {
  it('gives the slow/fast ratio where both ran, the largest such d, and the exact methods agreeing', () => {
    const summary = costSummary([
      cell('ism-loop', 2, 4, -1), cell('ism-batched', 2, 2, -1.0000001), cell('ssm', 2, 1, -0.9),
      cell('ism-loop', 4, 12, -2), cell('ism-batched', 4, 3, -2),
    ], [2, 4, 8], METHODS);
    expect([...summary.ratios]).toEqual([[2, 4]]);
    expect(summary.largest).toBe(2);
    expect(summary.agreement.map((a) => a.d)).toEqual([2, 4]);
    expect(summary.disagree).toEqual([]);
  });

  it('flags a disagreement, and a NaN loss counts as one', () => {
    const summary = costSummary([cell('ism-loop', 2, 4, -1), cell('ism-batched', 2, 2, -1.5), cell('ism-loop', 4, 4, Number.NaN), cell('ism-batched', 4, 2, -1)], [2, 4], METHODS);
    expect(summary.disagree).toEqual([2, 4]);
    expect(summary.largest).toBeUndefined();
  });
});
