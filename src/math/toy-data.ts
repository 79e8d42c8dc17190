/**
 * Seeded two-dimensional toy data sets for the VAE: a noisy ring, two interleaved moons and a pinwheel
 * (Johnson et al. 2016, "Composing graphical models with neural networks", fig. 1). Each point comes with
 * a feature in [0, 1) that says where on the shape it lies (angle, position along the moons, arm), so a
 * plot of the latent codes coloured by it shows whether the encoder kept the structure.
 */
import { createRng, standardNormals } from './random';

export type ToyDataName = 'ring' | 'moons' | 'pinwheel';
export const TOY_DATA_NAMES: readonly ToyDataName[] = ['ring', 'moons', 'pinwheel'];

export interface ToyData {
  /** n points, interleaved (x0, y0, x1, y1, ...). */
  readonly points: Float32Array;
  /** Where each point lies on the shape, in [0, 1). */
  readonly feature: Float32Array;
  /** What the feature measures, for legends. */
  readonly featureLabel: string;
}

/** n points of the named shape, reproducible from `seed`; roughly centred with spread about 1. */
export function toyData(name: ToyDataName, n: number, seed: number): ToyData {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Need a whole number of points >= 1, got ${n}.`);
  const rng = createRng(seed);
  const noise = standardNormals(createRng(seed + 7919), 2 * n);
  const points = new Float32Array(2 * n);
  const feature = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    const u = rng();
    const [x, y] = shapePoint(name, u, noise[2 * i]!, noise[2 * i + 1]!);
    points[2 * i] = x;
    points[2 * i + 1] = y;
    feature[i] = u;
  }
  return { points, feature, featureLabel: FEATURE_LABELS[name] };
}

const FEATURE_LABELS: Record<ToyDataName, string> = {
  ring: 'angle on the ring',
  moons: 'position along the moons',
  pinwheel: 'arm and distance along it',
};
const PINWHEEL_ARMS = 5;

/** One point at position u in [0, 1) along the shape, with standard normal noise (e1, e2). */
function shapePoint(name: ToyDataName, u: number, e1: number, e2: number): [number, number] {
  if (name === 'ring') {
    const angle = 2 * Math.PI * u;
    const radius = 1.5 + 0.1 * e1;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  }
  if (name === 'moons') {
    // The first half of u is the upper moon (left to right), the second half the lower one.
    const t = Math.PI * ((2 * u) % 1);
    const [x, y] = u < 0.5 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    return [(x - 0.5) * 1.4 + 0.1 * e1, (y - 0.25) * 1.4 + 0.1 * e2];
  }
  // Pinwheel: arm a, radius r ~ 1 + small noise along the arm, rotated more the further out it lies.
  const arm = Math.floor(u * PINWHEEL_ARMS);
  const along = u * PINWHEEL_ARMS - arm;
  const radial = 0.3 + 1.5 * along + 0.15 * e1;
  const tangential = 0.08 * e2;
  const angle = (2 * Math.PI * arm) / PINWHEEL_ARMS + 0.9 * radial;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [radial * cos - tangential * sin, radial * sin + tangential * cos];
}
