/**
 * A seeded 2-D data set for the energy-based model island: points around a circle.
 */
import { createRng, standardNormals } from './random';

/** n points (x, y) = (r + noise z1)(cos a, sin a), a ~ U[0, 2 pi): interleaved [x0, y0, x1, y1, ...] (float32). */
export function sampleRing(seed: number, n: number, radius: number, noise: number): Float32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`The sample size must be a whole number >= 0, got ${n}.`);
  if (!(radius > 0) || !(noise >= 0) || !Number.isFinite(radius + noise)) throw new RangeError(`Need radius > 0 and noise >= 0, got ${radius}, ${noise}.`);
  const rng = createRng(seed);
  const z = standardNormals(rng, n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i += 1) {
    const angle = 2 * Math.PI * rng();
    const r = radius + noise * z[i]!;
    out[2 * i] = r * Math.cos(angle);
    out[2 * i + 1] = r * Math.sin(angle);
  }
  return out;
}
