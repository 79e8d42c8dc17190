/**
 * The verdicts of the live check: does a step hold against the previous one?
 * Pure functions on numbers; the engine feeds them values read back from tfjs.
 */
import type { Estimate, ParamValues, Relation, StepCheck } from './types';

/**
 * Monte-Carlo values are "equal" when they differ by at most this many standard errors. Chosen with
 * MIN_SAMPLE_SIZE so that a correct step fails at most once in 10,000 evaluations at every slider
 * setting. The standard error is estimated from the same draws, and with a skewed integrand a
 * sample that misses the rare large terms has both a low mean and a low s.e.: the most skewed
 * integrands here are a squared Gaussian (chi-squared, 1 degree of freedom) and a two-mode mixture
 * with a 10% mode, whose studentised means from 500 draws land beyond 6 estimated s.e. about once
 * in 100,000 samples (false-alarm.test.ts simulates both). The old rule, 4 s.e. from 10 draws,
 * failed a correct step about once in 20 samples.
 */
export const STD_ERR_MULTIPLE = 6;
/** The smallest sample a Monte-Carlo derivation may be evaluated on (see STD_ERR_MULTIPLE). */
export const MIN_SAMPLE_SIZE = 500;
/** Relative tolerance for exact values computed in float32. */
export const RELATIVE_TOLERANCE = 1e-4;
/** Absolute tolerance for exact values computed in float32 (nats). */
export const ABSOLUTE_TOLERANCE = 1e-5;

/**
 * Tolerance for comparing a and b: float32 rounding plus k standard errors of b - a. When both are
 * means over the same draws, `pairedStdErr` is the standard error of the per-draw differences
 * (their positive correlation makes it much smaller than the unpaired sqrt(se_a^2 + se_b^2)).
 */
export function tolerance(a: Estimate, b: Estimate, pairedStdErr?: number): number {
  const scale = Math.max(Math.abs(a.value), Math.abs(b.value));
  const floatTolerance = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * (Number.isFinite(scale) ? scale : 0);
  const stdErr = pairedStdErr ?? Math.sqrt((a.stdErr ?? 0) ** 2 + (b.stdErr ?? 0) ** 2);
  return floatTolerance + STD_ERR_MULTIPLE * stdErr;
}

/** Options of {@link formatNumber}, the one number formatter of the site and its scripts. */
export interface NumberFormat {
  /** Significant digits (default 4). */
  readonly digits?: number;
  /** Exactly this many decimals instead of significant digits (a share as 0.25, say). */
  readonly decimals?: number;
  /** Strip trailing zeros after the decimal point (default true); never zeros of the integer part. */
  readonly trim?: boolean;
  /** Smallest magnitude written without an exponent (default 1e-3). */
  readonly minFixed?: number;
  /** Magnitudes from here on get an exponent (default 1e5). */
  readonly maxFixed?: number;
}

/**
 * The site's number format: `digits` significant digits (4 unless told), a typographic minus,
 * infinities spelled out as symbols and NaN as words (it should never reach a page). Trailing zeros
 * are dropped only after a decimal point, so 2200.1 prints as "2200", never as "22".
 */
export function formatNumber(value: number, format: NumberFormat = {}): string {
  if (value === Infinity) return '+∞';
  if (value === -Infinity) return '−∞';
  if (Number.isNaN(value)) return 'not a number';
  const { digits = 4, decimals, trim = true, minFixed = 1e-3, maxFixed = 1e5 } = format;
  const minus = (text: string) => text.replace(/-/g, '−');
  const trimZeros = (text: string) => (trim && text.includes('.') ? text.replace(/\.?0+$/, '') : text);
  if (decimals !== undefined) return minus(value.toFixed(decimals));
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude < minFixed || magnitude >= maxFixed)) {
    const [mantissa, exponent] = value.toExponential(Math.max(0, digits - 1)).split('e');
    return minus(`${trimZeros(mantissa)}e${exponent.replace('+', '')}`);
  }
  const order = value === 0 ? 0 : Math.floor(Math.log10(magnitude));
  let text = value.toFixed(Math.min(12, Math.max(0, digits - 1 - order)));
  // Rounding can carry into a new digit (9.9996 -> "10.000"): refit the decimals to the new order.
  if (value !== 0 && Math.floor(Math.log10(Math.abs(Number(text)))) > order) {
    text = value.toFixed(Math.min(12, Math.max(0, digits - 2 - order)));
  }
  return minus(trimZeros(text));
}

function verdict(holds: boolean, knownMistake: boolean, detail: string): StepCheck {
  return { holds, asExpected: holds !== knownMistake, detail };
}

/** Checks `previous REL current` for eq, le and ge. Infinities compare exactly. */
export function checkPair(
  relation: Exclude<Relation, 'given' | 'eq-const'>,
  previous: Estimate,
  current: Estimate,
  knownMistake = false,
  pairedStdErr?: number,
): StepCheck {
  const a = previous.value;
  const b = current.value;
  if (Number.isNaN(a) || Number.isNaN(b)) return verdict(false, knownMistake, 'a value is not a number');
  const bothInfinite = !Number.isFinite(a) && !Number.isFinite(b);
  const tol = tolerance(previous, current, pairedStdErr);
  const gap = b - a;
  const tolText = pairedStdErr !== undefined
    ? `${STD_ERR_MULTIPLE} s.e. of the paired difference ${formatNumber(pairedStdErr)} + float32`
    : previous.stdErr !== undefined || current.stdErr !== undefined ? `${STD_ERR_MULTIPLE} s.e. + float32` : 'float32 tolerance';
  if (relation === 'eq') {
    if (bothInfinite || !Number.isFinite(a) || !Number.isFinite(b)) {
      const holds = a === b;
      return verdict(holds, knownMistake, holds ? `both sides are ${formatNumber(a)}` : `${formatNumber(a)} ≠ ${formatNumber(b)}`);
    }
    const holds = Math.abs(gap) <= tol;
    return verdict(holds, knownMistake, `|difference| = ${formatNumber(Math.abs(gap))} ${holds ? '≤' : '>'} ${formatNumber(tol)} (${tolText})`);
  }
  // le: a <= b; ge: a >= b. With infinities the comparison is exact.
  const holds = bothInfinite || !Number.isFinite(a) || !Number.isFinite(b)
    ? relation === 'le' ? a <= b : a >= b
    : relation === 'le' ? a <= b + tol : a >= b - tol;
  const sign = relation === 'le' ? '≤' : '≥';
  return verdict(holds, knownMistake, `${formatNumber(a)} ${holds ? sign : `not ${sign}`} ${formatNumber(b)}`);
}

/** One parameter setting at which an eq-const pair was evaluated. */
export interface ConstantProbe {
  readonly params: ParamValues;
  readonly previous: Estimate;
  readonly current: Estimate;
}

/**
 * Checks that previous - current is the same constant at every probe (the first probe is the
 * reader's current setting). Holds when every difference is within tolerance of the first.
 */
export function checkConstantDifference(probes: readonly ConstantProbe[], knownMistake = false): StepCheck {
  if (probes.length < 2) return verdict(false, knownMistake, 'needs at least two parameter settings');
  const differences = probes.map((probe) => probe.previous.value - probe.current.value);
  if (differences.some((d) => !Number.isFinite(d))) {
    return verdict(false, knownMistake, 'a difference is infinite or not a number');
  }
  const reference = differences[0];
  let worst = 0;
  let worstIndex = 0;
  let holds = true;
  probes.forEach((probe, index) => {
    const spread = Math.abs(differences[index] - reference);
    const first = probes[0];
    const stdErr = Math.sqrt(
      (first.previous.stdErr ?? 0) ** 2 + (first.current.stdErr ?? 0) ** 2 +
      (probe.previous.stdErr ?? 0) ** 2 + (probe.current.stdErr ?? 0) ** 2,
    );
    const scale = Math.max(Math.abs(probe.previous.value), Math.abs(probe.current.value), Math.abs(first.previous.value));
    const tol = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * scale + STD_ERR_MULTIPLE * stdErr;
    if (spread > tol) holds = false;
    if (spread > worst) {
      worst = spread;
      worstIndex = index;
    }
  });
  const where = Object.entries(probes[worstIndex].params).map(([k, v]) => `${k}=${formatNumber(v)}`).join(', ');
  const detail = holds
    ? `difference ${formatNumber(reference)} at ${probes.length} settings (spread ${formatNumber(worst)})`
    : `difference ${formatNumber(reference)} here but ${formatNumber(differences[worstIndex])} at ${where}`;
  return verdict(holds, knownMistake, detail);
}

/** Deterministic probe settings for eq-const: the listed parameters moved across their ranges. */
export function constantProbeSettings(
  params: ParamValues,
  specs: readonly { name: string; min: number; max: number }[],
  varying: readonly string[],
  count = 3,
): ParamValues[] {
  const settings: ParamValues[] = [];
  for (let j = 0; j < count; j += 1) {
    const setting: Record<string, number> = { ...params };
    varying.forEach((name, i) => {
      const spec = specs.find((s) => s.name === name);
      if (!spec) return;
      // Spread the probes over the middle of the range, staggered per parameter.
      const fraction = 0.15 + (((j + 1) * 0.29 + i * 0.17) % 0.7);
      setting[name] = spec.min + (spec.max - spec.min) * fraction;
    });
    settings.push(setting);
  }
  return settings;
}
