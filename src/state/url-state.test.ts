import { describe, expect, it } from 'vitest';
import { defaultIslandState, parseIslandState, parseState, parseStrictNumber, writeIslandState, writeState } from './url-state';
import { snapToSpec } from './params';
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
      lists: {},
      texts: {},
      points: Float32Array.from([0, 0]),
    });
    expect(new URLSearchParams(query).toString()).toBe('other.x=2&forward-reverse.mu=0.5&forward-reverse.graph=star&forward-reverse.pts=gAgA');
    expect(writeIslandState('', ISLAND, defaultIslandState(ISLAND))).toBe('');
  });
});

describe('lists of numbers and bare former keys', () => {
  const DISCRETE = {
    id: 'discrete-kl',
    aliases: [''],
    lists: [{ name: 'p', label: 'p', min: 0, max: 1, step: 0.01, default: [0.2, 0.5, 0.3] }],
    choices: [{ name: 'unit', label: 'unit', default: 'nats', options: [{ value: 'nats', label: 'nats' }, { value: 'bits', label: 'bits' }] }],
  } as const;

  it('reads a list under its key or under the bare former name, and rejects a bad list as a whole', () => {
    expect(parseIslandState('?discrete-kl.p=0,0.5,0.5', DISCRETE).lists.p).toEqual([0, 0.5, 0.5]);
    expect(parseIslandState('?p=0.1,0.1,0.8&unit=bits', DISCRETE)).toMatchObject({ lists: { p: [0.1, 0.1, 0.8] }, choices: { unit: 'bits' }, messages: [] });
    const bad = parseIslandState('?p=0.1,abc,0.8', DISCRETE);
    expect(bad.lists.p).toEqual([0.2, 0.5, 0.3]);
    expect(bad.messages[0]).toContain('Ignored the URL parameter "discrete-kl.p"');
    expect(parseIslandState('?p=0.5,0.5', DISCRETE).messages[0]).toContain('expected 3 comma-separated numbers');
  });

  it('writes lists under the id and drops the bare former keys', () => {
    const state = { ...defaultIslandState(DISCRETE), lists: { p: [0.25, 0.25, 0.5] } };
    expect(new URLSearchParams(writeIslandState('?p=1,0,0&unit=bits&backend=cpu', DISCRETE, state)).toString()).toBe('backend=cpu&discrete-kl.p=0.25%2C0.25%2C0.5');
  });
});

describe('short texts from a fixed alphabet', () => {
  const HMM = { id: 'hmm', texts: [{ name: 'x', pattern: /^[1-4]{2,60}$/, expected: '2 to 60 digits 1 to 4', default: '' }] } as const;

  it('keeps a matching text, rejects anything else with a message that does not echo it, and writes only non-defaults', () => {
    expect(parseIslandState('?hmm.x=1121', HMM)).toMatchObject({ texts: { x: '1121' }, messages: [] });
    const bad = parseIslandState('?hmm.x=12<b>', HMM);
    expect(bad.texts.x).toBe('');
    expect(bad.messages).toEqual(['Ignored the URL parameter "hmm.x": expected 2 to 60 digits 1 to 4.']);
    expect(writeIslandState('', HMM, { ...defaultIslandState(HMM), texts: { x: '1221' } })).toBe('?hmm.x=1221');
    expect(writeIslandState('?hmm.x=11', HMM, defaultIslandState(HMM))).toBe('');
  });
});
