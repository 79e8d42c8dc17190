import { describe, expect, it } from 'vitest';
import { parseSymbolSequence } from './parse-symbols';

describe('parseSymbolSequence', () => {
  it('reads the digits 1..M, 0-based, or without separators', () => {
    expect(parseSymbolSequence('1 2, 2;1\n3', 3)).toEqual({ ok: true, values: [0, 1, 1, 0, 2] });
    expect(parseSymbolSequence('1221', 2)).toEqual({ ok: true, values: [0, 1, 1, 0] });
  });

  it('says what is wrong: empty, a symbol out of range, a non-digit, too short, too long', () => {
    expect(parseSymbolSequence('  ', 2)).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(parseSymbolSequence('1 2 3', 2)).toMatchObject({ ok: false, error: '"3" is not a symbol: use the digits 1 to 2, one per time step.' });
    expect(parseSymbolSequence('1 0 2', 2)).toMatchObject({ ok: false, error: expect.stringContaining('"0" is not a symbol') });
    expect(parseSymbolSequence('1 a 2', 4)).toMatchObject({ ok: false, error: expect.stringContaining('"a" is not a symbol') });
    expect(parseSymbolSequence('1 -2', 2)).toMatchObject({ ok: false, error: expect.stringContaining('"-" is not a symbol') });
    expect(parseSymbolSequence('2', 2)).toMatchObject({ ok: false, error: expect.stringContaining('Too short') });
    expect(parseSymbolSequence('12'.repeat(31), 2)).toMatchObject({ ok: false, error: expect.stringContaining('Too long: 62') });
  });
});
