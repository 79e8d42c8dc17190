/**
 * Typed arrays in a result travel to the page as transferred buffers, not copies. The host may
 * keep the arrays it returns (a trainer's last state), so each one is first copied inside the
 * worker (off the page's thread) and the copy's buffer is transferred.
 */
type Typed = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array | Int16Array | Uint16Array | Int8Array;

const isTyped = (value: unknown): value is Typed => ArrayBuffer.isView(value) && !(value instanceof DataView);

/** A copy of `value` whose typed arrays own fresh buffers, and the list of those buffers. */
export function detachable<T>(value: T, depth = 0): { value: T; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const walk = (item: unknown, level: number): unknown => {
    if (isTyped(item)) {
      const copy = item.slice() as Typed;
      buffers.push(copy.buffer as ArrayBuffer);
      return copy;
    }
    if (level > 6 || item === null || typeof item !== 'object') return item;
    if (Array.isArray(item)) return item.map((x) => walk(x, level + 1));
    if (item instanceof Map || item instanceof Set || item instanceof Date) return item;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(item)) out[key] = walk(field, level + 1);
    return out;
  };
  return { value: walk(value, depth) as T, buffers };
}
