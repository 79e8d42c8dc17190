/**
 * The numbers the ISM-vs-SSM cost island reads off its timing sweep: how many times slower the
 * d-pass exact step is than the sliced one at each d, and whether the two exact methods (same
 * steps from the same weights) reached the same objective. Plain numbers, so tested here.
 */

/** One timed cell of the sweep (structurally `CostTiming`). */
export interface TimingCell {
  readonly method: string;
  readonly dims: number;
  readonly msPerStep: number;
  readonly loss: number;
}

export interface CostSummary {
  /** ms(slow) / ms(fast) at each d where both were measured. */
  readonly ratios: ReadonlyMap<number, number>;
  /** The largest d with a ratio. */
  readonly largest?: number;
  /** |J_a - J_b| / max(1, |J_b|) at each d where both exact methods were measured. */
  readonly agreement: readonly { d: number; gap: number }[];
  /** The d where that gap exceeds `tolerance` (or is not a number). */
  readonly disagree: readonly number[];
}

export function costSummary(
  timings: readonly TimingCell[],
  dimensions: readonly number[],
  methods: { slow: string; fast: string; exactA: string; exactB: string },
  tolerance = 1e-3,
): CostSummary {
  const cell = (method: string, d: number) => timings.find((t) => t.method === method && t.dims === d);
  const ratios = new Map<number, number>();
  const agreement: { d: number; gap: number }[] = [];
  for (const d of dimensions) {
    const slow = cell(methods.slow, d);
    const fast = cell(methods.fast, d);
    if (slow && fast) ratios.set(d, slow.msPerStep / fast.msPerStep);
    const a = cell(methods.exactA, d);
    const b = cell(methods.exactB, d);
    if (a && b) agreement.push({ d, gap: Math.abs(a.loss - b.loss) / Math.max(1, Math.abs(b.loss)) });
  }
  const largest = [...dimensions].reverse().find((d) => ratios.has(d));
  return { ratios, largest, agreement, disagree: agreement.filter((a) => !(a.gap <= tolerance)).map((a) => a.d) };
}
