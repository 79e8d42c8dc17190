/**
 * What the Langevin island draws, computed from the particles: a histogram over [lower, upper)
 * with under- and overflow, the count below a threshold, and the sum and sum of squares of x - centre
 * (shifted, so the variance does not cancel catastrophically in float32). The JavaScript
 * reference of the two-pass reduction kernel in src/tensor/langevin-kernels.ts, and the summary of
 * the fallback path, which reads every particle back.
 */

export interface SummaryLayout {
  readonly lower: number;
  readonly upper: number;
  readonly bins: number;
  /** Particles strictly below it are counted (e.g. 0: the share in the left mode). */
  readonly threshold: number;
  /** The shift of the moments; the running mean or the target mean keeps them well conditioned. */
  readonly centre: number;
}

export interface ParticleSummary {
  readonly layout: SummaryLayout;
  /** Particles counted, including the out-of-range ones; n minus it are not finite. */
  readonly n: number;
  readonly counts: Float64Array;
  readonly underflow: number;
  readonly overflow: number;
  readonly below: number;
  /** Mean and variance (divisor n) of the finite particles. */
  readonly mean: number;
  readonly variance: number;
  /** Particles that are NaN or infinite (never drawn, counted so a blow-up is visible). */
  readonly nonFinite: number;
}

/** Number of floats the reduction writes for a layout: bins + under + over + below + sum + sum of squares. */
export function summaryLength(layout: SummaryLayout): number {
  return layout.bins + 5;
}

/** The bin of x, or -1 (under) / bins (over); the same float32 arithmetic as the kernel. */
export function binOf(x: number, layout: SummaryLayout): number {
  const position = Math.fround(Math.fround(x - Math.fround(layout.lower)) * Math.fround(layout.bins / (layout.upper - layout.lower)));
  if (!(position >= 0)) return -1;
  return Math.min(Math.floor(position), layout.bins);
}

/** Unpacks the kernel's (or summariseParticles's) flat output into a summary. */
export function unpackSummary(values: ArrayLike<number>, layout: SummaryLayout, n: number): ParticleSummary {
  const { bins } = layout;
  const counts = Float64Array.from({ length: bins }, (_, k) => values[k]!);
  const [underflow, overflow, below, sum, sumSquares] = [0, 1, 2, 3, 4].map((j) => values[bins + j]!);
  let inRange = 0;
  for (let k = 0; k < bins; k += 1) inRange += counts[k]!;
  const finite = underflow + overflow + inRange;
  const shifted = finite > 0 ? sum / finite : Number.NaN;
  return {
    layout,
    n,
    counts,
    underflow,
    overflow,
    below,
    mean: layout.centre + shifted,
    variance: finite > 0 ? Math.max(0, sumSquares / finite - shifted * shifted) : Number.NaN,
    nonFinite: n - finite,
  };
}

/** The flat summary of particles in JavaScript (float64 sums), in the kernel's layout. */
export function summariseParticlesFlat(particles: ArrayLike<number>, layout: SummaryLayout): Float64Array {
  const { bins, threshold, centre } = layout;
  const out = new Float64Array(summaryLength(layout));
  for (let i = 0; i < particles.length; i += 1) {
    const x = particles[i]!;
    if (!Number.isFinite(x)) continue;
    const bin = binOf(x, layout);
    out[bin < 0 ? bins : bin >= bins ? bins + 1 : bin] += 1;
    if (x < threshold) out[bins + 2] += 1;
    out[bins + 3] += x - centre;
    out[bins + 4] += (x - centre) ** 2;
  }
  return out;
}

/** The summary of particles in JavaScript. */
export function summariseParticles(particles: ArrayLike<number>, layout: SummaryLayout): ParticleSummary {
  return unpackSummary(summariseParticlesFlat(particles, layout), layout, particles.length);
}
