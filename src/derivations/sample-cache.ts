/**
 * A tiny memo for seeded samples: slider moves re-use the same draws instead of regenerating
 * them, so a reader sees the parameters' effect, not fresh Monte-Carlo noise.
 */
const cache = new Map<string, Float32Array>();
const MAX_ENTRIES = 8;

/** Returns the cached array for `key`, or makes, stores and returns it. */
export function cachedSample(key: string, make: () => Float32Array): Float32Array {
  const hit = cache.get(key);
  if (hit) return hit;
  const value = make();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}
