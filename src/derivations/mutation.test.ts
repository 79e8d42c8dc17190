/** The mutation-testing logic of `npm run verify -- --mutate` (scripts/lib/verify-core.mjs). */
import { describe, expect, it } from 'vitest';
import { isCaught, mutationsFor, summariseMutations } from '../../scripts/lib/verify-core.mjs';

describe('mutationsFor', () => {
  it('plants nothing in the given step or a known mistake', () => {
    expect(mutationsFor({ relation: 'given' }, 1, { n: 100 })).toEqual([]);
    expect(mutationsFor({ relation: 'eq', knownMistake: true }, 1, { n: 100 })).toEqual([]);
  });
  it('no dropped constant on an eq-const step, no n-dependent mistake without a sample, no no-ops', () => {
    const ids = (m: { id: string }[]) => m.map((x) => x.id);
    expect(ids(mutationsFor({ relation: 'eq-const' }, 2, { n: 100 }))).toEqual(['sign', 'double', 'half', 'biased', 'off-by-one']);
    expect(ids(mutationsFor({ relation: 'eq' }, 2, undefined))).toEqual(['sign', 'double', 'half', 'constant', 'constant+']);
    // 0 times anything is 0: only the shifts are real mistakes of a zero line.
    expect(ids(mutationsFor({ relation: 'ge' }, 0, undefined))).toEqual(['constant', 'constant+']);
    expect(mutationsFor({ relation: 'eq' }, 2, { n: 100 }).find((m: { id: string }) => m.id === 'biased')?.scale).toBeCloseTo(0.99, 12);
  });
});

describe('summariseMutations', () => {
  it('counts caught / tried per step and flags a step that catches nothing at the defaults', () => {
    const rows = [
      { derivation: 'a', step: 's1', mutation: 'sign', setting: 'defaults', caught: true },
      { derivation: 'a', step: 's1', mutation: 'half', setting: 'defaults', caught: false },
      { derivation: 'a', step: 's2', mutation: 'sign', setting: 'defaults', caught: false },
    ];
    const summary = summariseMutations(rows);
    expect(summary.caught).toBe(1);
    expect(summary.tried).toBe(3);
    expect(summary.defects.map((d: { step: string }) => d.step)).toEqual(['s2']);
    expect(isCaught({ steps: [{ check: { asExpected: true } }, { check: { asExpected: false } }] })).toBe(true);
  });
});
