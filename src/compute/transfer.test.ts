import { describe, expect, it } from 'vitest';
import { detachable } from './transfer';

describe('detachable', () => {
  it('copies every typed array and lists the copies\' buffers for transfer', () => {
    const kept = new Float32Array([1, 2, 3]);
    const { value, buffers } = detachable({ iteration: 3, field: kept, nested: [{ x: new Int32Array([4]) }], label: 'a' });
    expect(buffers).toHaveLength(2);
    expect(value.field).not.toBe(kept);
    expect(Array.from(value.field)).toEqual([1, 2, 3]);
    expect(buffers[0]).toBe(value.field.buffer);
    expect(value.nested[0].x[0]).toBe(4);
    expect(value.label).toBe('a');
    // Transferring the copies leaves the host's own array usable.
    structuredClone(value, { transfer: buffers });
    expect(kept.length).toBe(3);
    expect(value.field.length).toBe(0);
  });

  it('passes plain values through', () => {
    expect(detachable(5).value).toBe(5);
    expect(detachable(undefined).buffers).toEqual([]);
  });
});
