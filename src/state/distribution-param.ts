/**
 * The discrete explorer's URL format: `p=0.2,0.5,0.3` (weights in [0, 1], renormalised), and
 * `unit=nats|bits`. Untrusted input: parsed strictly, never echoed into HTML.
 */
import { parseStrictNumber } from './url-state';

export type InformationUnit = 'nats' | 'bits';

/** Parses a comma-separated list of `count` weights in [0, 1] that do not all vanish. */
export function parseWeights(raw: string, count: number): { ok: true; weights: number[] } | { ok: false; error: string } {
  const parts = raw.split(',');
  if (parts.length !== count) return { ok: false, error: `expected ${count} comma-separated numbers` };
  const weights: number[] = [];
  for (const [index, part] of parts.entries()) {
    const value = parseStrictNumber(part);
    if (value === undefined) return { ok: false, error: `entry ${index + 1} is not a number` };
    if (value < 0 || value > 1) return { ok: false, error: `entry ${index + 1} is outside 0 to 1` };
    weights.push(value);
  }
  if (weights.every((w) => w === 0)) return { ok: false, error: 'the weights are all zero' };
  return { ok: true, weights };
}

/** Formats weights for the URL with at most 4 decimals. */
export function formatWeights(weights: readonly number[]): string {
  return weights.map((w) => String(Number(w.toFixed(4)))).join(',');
}

/** Reads p, q and unit from a query string, with messages for rejected values. */
export function parseDiscreteState(
  query: string,
  defaults: { p: readonly number[]; q: readonly number[] },
): { p: number[]; q: number[]; unit: InformationUnit; messages: string[] } {
  const search = new URLSearchParams(query);
  const messages: string[] = [];
  const read = (key: 'p' | 'q'): number[] => {
    const raw = search.get(key);
    if (raw === null) return [...defaults[key]];
    const parsed = parseWeights(raw, defaults[key].length);
    if (parsed.ok) return parsed.weights;
    messages.push(`Ignored the URL parameter "${key}": ${parsed.error}; using the default ${formatWeights(defaults[key])}.`);
    return [...defaults[key]];
  };
  const p = read('p');
  const q = read('q');
  const rawUnit = search.get('unit');
  let unit: InformationUnit = 'nats';
  if (rawUnit === 'bits' || rawUnit === 'nats') unit = rawUnit;
  else if (rawUnit !== null) messages.push('Ignored the URL parameter "unit": expected nats or bits.');
  return { p, q, unit, messages };
}
