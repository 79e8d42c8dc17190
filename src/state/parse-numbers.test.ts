import { describe, expect, it } from 'vitest';
import { parseNumberList } from './parse-numbers';

describe('parseNumberList', () => {
  it('parseNumberList("1, 2;3 4\\n-5e-1 .5") gives the six numbers', () => {
    expect(parseNumberList('1, 2;3 4\n-5e-1 .5')).toEqual({ ok: true, values: [1, 2, 3, 4, -0.5, 0.5] });
  });
  it('rejects empty, non-numeric, too short, huge and constant inputs with a message', () => {
    expect(parseNumberList('  ')).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(parseNumberList('1 2 3 x 5')).toMatchObject({ ok: false, error: expect.stringMatching(/"x" is not a finite number/) });
    expect(parseNumberList('1 2 3 Infinity 5')).toMatchObject({ ok: false });
    expect(parseNumberList('1 2 3 0x10 5')).toMatchObject({ ok: false });
    expect(parseNumberList('1 2 3 4')).toMatchObject({ ok: false, error: expect.stringMatching(/Too few/) });
    expect(parseNumberList(Array(10_001).fill('1').join(' '))).toMatchObject({ ok: false, error: expect.stringMatching(/Too many values: 10,001/) });
    expect(parseNumberList('2 2 2 2 2')).toMatchObject({ ok: false, error: expect.stringMatching(/equal/) });
  });
});
