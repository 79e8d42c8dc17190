/**
 * Philox4x32-10 (Salmon, Moraes, Dror and Shaw 2011, "Parallel random numbers: as easy as 1, 2,
 * 3"), the counter-based generator of cuRAND, JAX and TensorFlow: ten rounds of a keyed bijection
 * of a 128-bit counter. The n-th random number is a pure function of (key, counter), so thousands of
 * GPU threads draw independent streams without shared state, and this file is the bit-exact
 * JavaScript reference of the WGSL kernel in src/tensor/langevin-kernels.ts.
 *
 * Convention shared with the kernel: the normal draw for element `index` at Langevin step `step`
 * under `seed` comes from block counter (index, floor(step / 4), 0, 0) and key (seed, 0). The four
 * output words make two Box–Muller pairs with 24-bit uniforms (exact in float32),
 *   u1 = (floor(w / 256) + 1) / 2^24 in (0, 1],  u2 = floor(w' / 256) / 2^24 in [0, 1),
 *   (r cos 2 pi u2, r sin 2 pi u2),  r = sqrt(-2 ln u1),
 * so one block gives the normals of four consecutive steps (step mod 4 picks one): a kernel that
 * runs several steps per particle calls Philox once per four steps. |z| <= sqrt(48 ln 2) = 5.77:
 * the tail beyond it (probability 8e-9) is cut off.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const ROUNDS = 10;
const TWO_POW_24 = 16777216;

/** High 32 bits of the 64-bit product of two uint32 (16-bit halves, as the WGSL kernel does it). */
export function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const cross = (loLo >>> 16) + (hiLo & 0xffff) + loHi;
  return (aHi * bHi + (hiLo >>> 16) + Math.floor(cross / 65536)) >>> 0;
}

/** Philox4x32-10 of a counter (4 uint32) under a key (2 uint32): 4 uint32. */
export function philox4x32(counter: readonly number[], key: readonly number[]): Uint32Array {
  let [c0, c1, c2, c3] = counter.map((c) => c >>> 0);
  let [k0, k1] = key.map((k) => k >>> 0);
  for (let round = 0; round < ROUNDS; round += 1) {
    const hi0 = mulHi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  return Uint32Array.of(c0, c1, c2, c3);
}

/** u in (0, 1] from the top 24 bits of a word (never 0, so ln u is finite). */
export function openUniform(word: number): number {
  return ((word >>> 8) + 1) / TWO_POW_24;
}

/** u in [0, 1) from the top 24 bits of a word. */
export function halfOpenUniform(word: number): number {
  return (word >>> 8) / TWO_POW_24;
}

/** The four normals of block (seed, index, block): steps 4 block .. 4 block + 3 of element `index`. */
export function philoxBlock(seed: number, block: number, index: number): [number, number, number, number] {
  const words = philox4x32([index, block, 0, 0], [seed, 0]);
  const pair = (k: 0 | 2): [number, number] => {
    const radius = Math.sqrt(-2 * Math.log(openUniform(words[k])));
    const angle = 2 * Math.PI * halfOpenUniform(words[k + 1]);
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  };
  return [...pair(0), ...pair(2)];
}

/** The standard normal draw of element `index` at `step` under `seed` (see the file comment). */
export function philoxNormal(seed: number, step: number, index: number): number {
  return philoxBlock(seed, Math.floor(step / 4), index)[step % 4];
}

/** The draws of elements 0..n-1 at `step` under `seed`, as the GPU kernel makes them (float32). */
export function philoxNormals(seed: number, step: number, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`The sample size must be a whole number >= 0, got ${n}.`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 1) out[i] = philoxNormal(seed, step, i);
  return out;
}
