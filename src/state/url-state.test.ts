import { describe, expect, it } from 'vitest';
import { parseState, parseStrictNumber, snapToSpec, writeState } from './url-state';
import { parseDiscreteState, parseWeights } from './distribution-param';
import type { ParamSpec } from '../derivations/types';

const SPECS: readonly ParamSpec[] = [
  { name: 'mu', label: 'mean', min: -3, max: 3, step: 0.05, default: 0 },
  { name: 'sd', label: 'standard deviation', min: 0.2, max: 3, step: 0.05, default: 1 },
];
const SAMPLE = { defaultN: 1000, minN: 10, maxN: 100_000, defaultSeed: 1 };

describe('parseStrictNumber', () => {
  it('accepts plain decimals and exponents', () => {
    expect(parseStrictNumber('1.5')).toBe(1.5);
    expect(parseStrictNumber('-2e-3')).toBe(-0.002);
    expect(parseStrictNumber(' .5 ')).toBe(0.5);
  });
  it('rejects everything else: hex, words, empty, infinities, payloads', () => {
    for (const raw of ['0x10', 'abc', '', '1,5', 'Infinity', 'NaN', '1e999', '<script>alert(1)</script>', '1;2']) {
      expect(parseStrictNumber(raw)).toBeUndefined();
    }
  });
});

describe('snapToSpec', () => {
  it('clamps into the range and snaps to the step without binary noise', () => {
    expect(snapToSpec(99, SPECS[0])).toBe(3);
    expect(snapToSpec(-99, SPECS[0])).toBe(-3);
    expect(snapToSpec(0.1 + 0.2, SPECS[0])).toBe(0.3);
    expect(snapToSpec(0.33, SPECS[1])).toBe(0.35);
  });
});

describe('parseState', () => {
  it('reads prefixed keys and leaves defaults elsewhere', () => {
    const state = parseState('?d.mu=1.25&d.n=5000&d.seed=9&other.mu=2', 'd', SPECS, SAMPLE);
    expect(state.params).toEqual({ mu: 1.25, sd: 1 });
    expect(state.sample).toEqual({ n: 5000, seed: 9 });
    expect(state.messages).toEqual([]);
  });
  it('clamps out-of-range values with a message and rejects malformed ones, naming the key only', () => {
    const state = parseState('?d.mu=42&d.sd=%3Cscript%3E&d.n=1e9', 'd', SPECS, SAMPLE);
    expect(state.params).toEqual({ mu: 3, sd: 1 });
    expect(state.sample?.n).toBe(100_000);
    expect(state.messages).toHaveLength(3);
    expect(state.messages.join(' ')).toContain('"d.sd"');
    expect(state.messages.join(' ')).not.toContain('<script>');
  });
});

describe('writeState', () => {
  it('drops default values and keeps other keys', () => {
    expect(writeState('?backend=cpu&d.mu=2', 'd', SPECS, { mu: 0, sd: 1.5 }, SAMPLE, { n: 1000, seed: 3 }))
      .toBe('?backend=cpu&d.sd=1.5&d.seed=3');
  });
  it('round-trips through parseState', () => {
    const query = writeState('', 'x', SPECS, { mu: -1.5, sd: 2.25 }, SAMPLE, { n: 250, seed: 7 });
    const state = parseState(query, 'x', SPECS, SAMPLE);
    expect(state.params).toEqual({ mu: -1.5, sd: 2.25 });
    expect(state.sample).toEqual({ n: 250, seed: 7 });
  });
});

describe('discrete explorer parameters', () => {
  it('parseWeights accepts three weights in [0, 1] and rejects bad lists with a reason', () => {
    expect(parseWeights('0.2,0.5,0.3', 3)).toEqual({ ok: true, weights: [0.2, 0.5, 0.3] });
    expect(parseWeights('abc', 3)).toMatchObject({ ok: false, error: expect.stringContaining('3 comma-separated') });
    expect(parseWeights('0.2,x,0.3', 3)).toMatchObject({ ok: false, error: 'entry 2 is not a number' });
    expect(parseWeights('0.2,1.5,0.3', 3)).toMatchObject({ ok: false, error: 'entry 2 is outside 0 to 1' });
    expect(parseWeights('0,0,0', 3)).toMatchObject({ ok: false, error: 'the weights are all zero' });
  });
  it('parseDiscreteState falls back to the defaults with messages', () => {
    const state = parseDiscreteState('?p=abc&q=0.5,0,0.5&unit=furlongs', { p: [0.2, 0.5, 0.3], q: [0.3, 0.4, 0.3] });
    expect(state.p).toEqual([0.2, 0.5, 0.3]);
    expect(state.q).toEqual([0.5, 0, 0.5]);
    expect(state.unit).toBe('nats');
    expect(state.messages).toHaveLength(2);
  });
});
