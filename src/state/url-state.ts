/**
 * Island state in the URL: every parameter, the seed and the sample size, under keys prefixed by
 * the island's id (`kl-monte-carlo.mu1=0.5`), so a reader can share exactly what they see.
 * Values from the URL are untrusted: they are parsed as numbers only, clamped to their declared
 * ranges or rejected, and the messages name the key but never echo the raw value into HTML.
 */
import type { ParamSpec, ParamValues, SampleSettings, SampleSpec } from '../derivations/types';

export interface ParsedState {
  readonly params: ParamValues;
  readonly sample?: SampleSettings;
  /** Reader-facing messages about values that were clamped or ignored. */
  readonly messages: readonly string[];
}

/** Key of one parameter in the URL. */
export function urlKey(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal number strictly ("1e3" yes; "0x10", "", "1,5", "Infinity" no). */
export function parseStrictNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (text.length > 40 || !NUMBER_PATTERN.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Snaps to the slider's step (relative to min) and clamps into [min, max]. */
export function snapToSpec(value: number, spec: Pick<ParamSpec, 'min' | 'max' | 'step'>): number {
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  const steps = Math.round((clamped - spec.min) / spec.step);
  const snapped = spec.min + steps * spec.step;
  // Remove binary noise (0.1 + 0.2) so values print and compare cleanly.
  return Math.min(spec.max, Number(snapped.toPrecision(12)));
}

/** Default parameter values of a spec list. */
export function defaultParams(specs: readonly ParamSpec[]): ParamValues {
  return Object.fromEntries(specs.map((spec) => [spec.name, spec.default]));
}

function readNumber(
  search: URLSearchParams,
  key: string,
  range: { min: number; max: number; step: number },
  fallback: number,
  describe: string,
  messages: string[],
): number {
  const raw = search.get(key);
  if (raw === null) return fallback;
  const value = parseStrictNumber(raw);
  if (value === undefined) {
    messages.push(`Ignored the URL parameter "${key}": ${describe} must be a number; using ${fallback}.`);
    return fallback;
  }
  const snapped = snapToSpec(value, range);
  if (value < range.min || value > range.max) {
    messages.push(`The URL parameter "${key}" is outside ${range.min} to ${range.max}; using ${snapped}.`);
  }
  return snapped;
}

/** Reads an island's state from a query string; unknown keys are left alone. */
export function parseState(
  query: string,
  prefix: string,
  specs: readonly ParamSpec[],
  sampleSpec?: SampleSpec,
): ParsedState {
  const search = new URLSearchParams(query);
  const messages: string[] = [];
  const params: Record<string, number> = {};
  for (const spec of specs) {
    params[spec.name] = readNumber(search, urlKey(prefix, spec.name), spec, spec.default, spec.label, messages);
  }
  if (!sampleSpec) return { params, messages };
  const n = readNumber(search, urlKey(prefix, 'n'), { min: sampleSpec.minN, max: sampleSpec.maxN, step: 1 }, sampleSpec.defaultN, 'the sample size', messages);
  const seed = readNumber(search, urlKey(prefix, 'seed'), { min: 0, max: 2 ** 31 - 1, step: 1 }, sampleSpec.defaultSeed, 'the seed', messages);
  return { params, sample: { n, seed }, messages };
}

/**
 * Writes an island's state into a query string: values equal to their defaults are removed, so
 * a pristine page has a clean URL. Other keys (other islands, `backend`) are kept.
 */
export function writeState(
  query: string,
  prefix: string,
  specs: readonly ParamSpec[],
  params: ParamValues,
  sampleSpec?: SampleSpec,
  sample?: SampleSettings,
): string {
  const search = new URLSearchParams(query);
  for (const spec of specs) {
    const key = urlKey(prefix, spec.name);
    if (params[spec.name] === spec.default) search.delete(key);
    else search.set(key, String(params[spec.name]));
  }
  if (sampleSpec && sample) {
    const entries: [string, number, number][] = [['n', sample.n, sampleSpec.defaultN], ['seed', sample.seed, sampleSpec.defaultSeed]];
    for (const [name, value, fallback] of entries) {
      const key = urlKey(prefix, name);
      if (value === fallback) search.delete(key);
      else search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
