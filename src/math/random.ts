/**
 * Seeded pseudo-random numbers, so every figure and test is reproducible from its seed.
 */

const UINT32_RANGE = 4294967296;

/** Mulberry32 generator (T. Ettinger, 2017): seed coerced to uint32, returns u ~ U[0, 1) in steps of 2^-32. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };
}

/** n draws z ~ N(0, 1) by Box–Muller (Box & Muller 1958): z = sqrt(-2 ln u1) cos(2 pi u2), with u1 in (0, 1]. */
export function standardNormals(rng: () => number, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`The sample size must be a whole number >= 0, got ${n}.`);
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    // 1 - u maps [0, 1) onto (0, 1], so the logarithm never sees 0.
    const radius = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < n) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/** n draws x = mu + sigma z, z ~ N(0, 1), from the generator seeded with `seed` (float32). */
export function gaussianSamples(seed: number, n: number, mean: number, stdDev: number): Float32Array {
  if (!(stdDev >= 0) || !Number.isFinite(stdDev) || !Number.isFinite(mean)) {
    throw new RangeError(`Need a finite mean and a finite stdDev >= 0, got mean ${mean}, stdDev ${stdDev}.`);
  }
  const out = standardNormals(createRng(seed), n);
  for (let i = 0; i < n; i++) out[i] = mean + stdDev * out[i]!;
  return out;
}
