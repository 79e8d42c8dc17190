import { describe, expect, it } from 'vitest';
import { createComputeHost } from './host';
import { sampleMixture, twoComponentMixture } from '../math/mixture';

// The host the worker runs, on tfjs's cpu backend in Node (forced, so nothing is calibrated).
const REQUEST = { query: 'cpu', cache: {}, userAgent: 'vitest' };

describe('compute host', () => {
  it('evaluates a derivation by model id, with the engine\'s contract (one result, every tensor freed)', async () => {
    const host = createComputeHost();
    const info = await host.init(REQUEST);
    expect(info.forced).toBe(true);
    expect(info.choice.eval.backend).toBe('cpu');
    const before = (await host.memory()).numTensors;
    const steps = [
      { id: 'a', evaluator: 'definition', relation: 'given' as const },
      { id: 'b', evaluator: 'splitLog', relation: 'eq' as const },
    ];
    const result = await host.evaluate('discrete-kl', steps, { p1: 0.2, p2: 0.5, p3: 0.3, q1: 0.3, q2: 0.4, q3: 0.3 }, { seed: 0, n: 0 });
    expect(result.steps[0].estimate.value).toBeCloseTo(0.030478754035472, 6);
    expect(result.steps[1].check.asExpected).toBe(true);
    expect((await host.memory()).numTensors).toBe(before);
  });

  it('drives a trainer by handle: steps in order, a method call, and dispose frees its tensors', async () => {
    const host = createComputeHost();
    await host.init(REQUEST);
    const before = (await host.memory()).numTensors;
    const samples = sampleMixture(3, 500, twoComponentMixture(3, 0.3, 1));
    await host.create(7, 'nll-fit', [samples, { mean: -2, stdDev: 0.5 }, 0.1]);
    expect((await host.memory()).hosted).toBe(1);
    // Two steps sent at once run one after the other, never interleaved.
    const [first, second] = await Promise.all([host.step(7, 1), host.step(7, 50)]) as { nll: number; iteration?: number }[];
    expect(second.nll).toBeLessThan(first.nll);
    await host.dispose(7);
    expect((await host.memory()).hosted).toBe(0);
    expect((await host.memory()).numTensors).toBe(before);
    await expect(host.step(7, 1)).rejects.toThrow(/no trainer with handle 7/);
  });

  it('runs named island computations and refuses unknown names', async () => {
    const host = createComputeHost();
    await host.init(REQUEST);
    const summary = await host.call('discreteSummary', [[0.2, 0.5, 0.3], [0.3, 0.4, 0.3]]) as { klPQ?: number };
    expect(summary).toBeTypeOf('object');
    await expect(host.call('nope', [])).rejects.toThrow(/no function "nope"/);
    await expect(host.create(1, 'nope', [])).rejects.toThrow(/no trainer "nope"/);
  });
});
