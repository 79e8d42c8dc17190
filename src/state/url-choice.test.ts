import { describe, expect, it } from 'vitest';
import { parseChoice, writeChoice } from './url-choice';

const KINDS = ['mixture', 'moons'] as const;

describe('parseChoice', () => {
  it('parseChoice reads a listed word and falls back silently when absent', () => {
    expect(parseChoice('?d.data=moons', 'd.data', KINDS, 'mixture')).toEqual({ value: 'moons' });
    expect(parseChoice('', 'd.data', KINDS, 'mixture')).toEqual({ value: 'mixture' });
  });

  it('rejects an unknown word with a message that does not echo it', () => {
    const parsed = parseChoice('?d.data=%3Cscript%3E', 'd.data', KINDS, 'mixture');
    expect(parsed.value).toBe('mixture');
    expect(parsed.message).toContain('"d.data"');
    expect(parsed.message).not.toContain('<script>');
  });

  it('writeChoice removes the default and sets anything else', () => {
    const search = new URLSearchParams('d.data=moons&other=1');
    writeChoice(search, 'd.data', 'mixture', 'mixture');
    expect(search.toString()).toBe('other=1');
    writeChoice(search, 'd.data', 'moons', 'mixture');
    expect(search.get('d.data')).toBe('moons');
  });
});
