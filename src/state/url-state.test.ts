import { describe, expect, it } from 'vitest';
import { defaultIslandState, parseIslandState, parseState, parseStrictNumber, writeIslandState, writeState } from './url-state';
import { snapToSpec } from './params';
import { parseDiscreteState, parseWeights } from './distribution-param';
import type { ParamSpec } from './params';

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

describe('parseIslandState / writeIslandState: one table for numbers, words and drawn points', () => {
  const ISLAND = {
    id: 'forward-reverse',
    aliases: ['fr'],
    params: SPECS,
    sample: SAMPLE,
    choices: [{ name: 'graph', label: 'graph', default: 'chain', acceptIndex: true, options: [{ value: 'chain', label: 'chain' }, { value: 'star', label: 'star' }] }],
    points: { name: 'pts', extent: 4, maxPoints: 10 },
  } as const;

  it('reads words, option indices from older links, and keys under a former prefix', () => {
    const state = parseIslandState('?fr.mu=1&forward-reverse.graph=star&forward-reverse.pts=gAgA', ISLAND);
    expect(state.params).toEqual({ mu: 1, sd: 1 });
    expect(state.choices).toEqual({ graph: 'star' });
    expect(Array.from(state.points ?? [])).toEqual([0, 0]);
    expect(state.messages).toEqual([]);
    expect(parseIslandState('?forward-reverse.graph=1', ISLAND).choices).toEqual({ graph: 'star' });
    // The island's own key wins over an alias.
    expect(parseIslandState('?fr.mu=1&forward-reverse.mu=2', ISLAND).params.mu).toBe(2);
  });

  it('falls back to the default of each bad value alone, with a message that does not echo it', () => {
    const state = parseIslandState('?forward-reverse.graph=<b>x</b>&forward-reverse.pts=%%%%&forward-reverse.mu=0.5&forward-reverse.graph2=1', ISLAND);
    expect(state.choices).toEqual({ graph: 'chain' });
    expect(Array.from(state.points ?? [])).toEqual([]);
    expect(state.params).toEqual({ mu: 0.5, sd: 1 });
    expect(state.messages).toHaveLength(2);
    expect(state.messages.join(' ')).not.toContain('<b>');
    expect(state.messages[0]).toContain('expected one of chain, star');
  });

  it('writes only what differs from the defaults, drops alias keys and keeps other islands', () => {
    const query = writeIslandState('?fr.mu=1&other.x=2', ISLAND, {
      params: { mu: 0.5, sd: 1 },
      sample: { n: 1000, seed: 1 },
      choices: { graph: 'star' },
      points: Float32Array.from([0, 0]),
    });
    expect(new URLSearchParams(query).toString()).toBe('other.x=2&forward-reverse.mu=0.5&forward-reverse.graph=star&forward-reverse.pts=gAgA');
    expect(writeIslandState('', ISLAND, defaultIslandState(ISLAND))).toBe('');
  });
});
