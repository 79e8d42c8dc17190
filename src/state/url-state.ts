/**
 * Island state in the URL: every parameter, the seed and the sample size, under keys prefixed by
 * the island's id (`kl-monte-carlo.mu1=0.5`), so a reader can share exactly what they see.
 * Values from the URL are untrusted: they are parsed as numbers only, clamped to their declared
 * ranges or rejected, and the messages name the key but never echo the raw value into HTML.
 */
import type { ChoiceSpec, ChoiceValues, IslandSpec, ListSpec, ListValues, ParamSpec, ParamValues, SampleSettings, SampleSpec, TextValues } from './params';
import { defaultChoices, defaultLists, defaultParams, defaultSample, defaultTexts, snapToSpec } from './params';
import { decodePoints, encodePoints } from './points-param';

// Kept here too for code written before the parameter table moved to params.ts.
export { defaultParams, snapToSpec };

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

/** The whole state of an island, as read from or written to the URL. */
export interface IslandState {
  readonly params: ParamValues;
  readonly sample?: SampleSettings;
  readonly choices: ChoiceValues;
  readonly lists: ListValues;
  readonly texts: TextValues;
  /** Interleaved drawn points, when the island has a points spec. */
  readonly points?: Float32Array;
}

export interface ParsedIslandState extends IslandState {
  readonly messages: readonly string[];
}

/** The defaults of an island's table. */
export function defaultIslandState(spec: IslandSpec): IslandState {
  return {
    params: defaultParams(spec.params ?? []),
    sample: spec.sample ? defaultSample(spec.sample) : undefined,
    choices: defaultChoices(spec.choices ?? []),
    lists: defaultLists(spec.lists ?? []),
    texts: defaultTexts(spec.texts ?? []),
    points: spec.points ? new Float32Array(0) : undefined,
  };
}

/** Reads one word choice: one of its option words or (if `acceptIndex`) an option index; otherwise the default and a message. */
function readChoice(search: URLSearchParams, key: string, spec: ChoiceSpec, messages: string[]): string {
  const raw = search.get(key);
  if (raw === null) return spec.default;
  const word = raw.trim();
  const found = spec.options.find((option) => option.value === word);
  if (found) return found.value;
  if (spec.acceptIndex && /^\d{1,3}$/.test(word) && Number(word) < spec.options.length) return spec.options[Number(word)].value;
  messages.push(`Ignored the URL parameter "${key}": expected one of ${spec.options.map((o) => o.value).join(', ')}; using ${spec.default}.`);
  return spec.default;
}

/** Reads a comma-separated list of numbers, each snapped to the spec; the default and a message unless all are valid. */
function readList(search: URLSearchParams, key: string, spec: ListSpec, messages: string[]): readonly number[] {
  const raw = search.get(key);
  if (raw === null) return spec.default;
  const parts = raw.split(',');
  const values = parts.map(parseStrictNumber);
  const problem = parts.length !== spec.default.length
    ? `expected ${spec.default.length} comma-separated numbers`
    : values.findIndex((v) => v === undefined || v < spec.min || v > spec.max) >= 0
      ? `every entry of ${spec.label} must be a number from ${spec.min} to ${spec.max}`
      : undefined;
  if (problem) {
    messages.push(`Ignored the URL parameter "${key}": ${problem}; using ${spec.default.join(', ')}.`);
    return spec.default;
  }
  return values.map((v) => snapToSpec(v!, spec));
}

/** Every name an island's table keeps in the URL. */
function tableNames(spec: IslandSpec): string[] {
  return [
    ...(spec.params ?? []).map((p) => p.name),
    ...(spec.sample ? ['n', 'seed'] : []),
    ...(spec.choices ?? []).map((c) => c.name),
    ...(spec.lists ?? []).map((l) => l.name),
    ...(spec.texts ?? []).map((t) => t.name),
    ...(spec.points ? [spec.points.name] : []),
  ];
}

/**
 * A query string seen under the island's id: keys under a former prefix (an alias) are read as if
 * written under the id, unless the id's own key is present.
 */
function withAliases(query: string, spec: IslandSpec): URLSearchParams {
  const search = new URLSearchParams(query);
  for (const alias of spec.aliases ?? []) {
    if (alias === '') {
      for (const name of tableNames(spec)) {
        const value = search.get(name);
        if (value !== null && !search.has(urlKey(spec.id, name))) search.set(urlKey(spec.id, name), value);
      }
      continue;
    }
    for (const [key, value] of Array.from(search.entries())) {
      if (!key.startsWith(`${alias}.`)) continue;
      const own = urlKey(spec.id, key.slice(alias.length + 1));
      if (!search.has(own)) search.set(own, value);
    }
  }
  return search;
}

/** Reads an island's whole state (numbers, sample, words, drawn points) from a query string. */
export function parseIslandState(query: string, spec: IslandSpec): ParsedIslandState {
  const search = withAliases(query, spec);
  const numeric = parseState(search.toString(), spec.id, spec.params ?? [], spec.sample);
  const messages = [...numeric.messages];
  const choices = Object.fromEntries((spec.choices ?? []).map((choice) => [choice.name, readChoice(search, urlKey(spec.id, choice.name), choice, messages)]));
  const lists = Object.fromEntries((spec.lists ?? []).map((list) => [list.name, readList(search, urlKey(spec.id, list.name), list, messages)]));
  const texts = Object.fromEntries((spec.texts ?? []).map((text) => {
    const key = urlKey(spec.id, text.name);
    const raw = search.get(key);
    if (raw === null) return [text.name, text.default];
    if (raw.length <= 200 && text.pattern.test(raw)) return [text.name, raw];
    messages.push(`Ignored the URL parameter "${key}": expected ${text.expected}.`);
    return [text.name, text.default];
  }));
  let points: Float32Array | undefined;
  if (spec.points) {
    const key = urlKey(spec.id, spec.points.name);
    const raw = search.get(key);
    points = new Float32Array(0);
    if (raw !== null) {
      const decoded = decodePoints(raw.trim(), spec.points);
      if ('points' in decoded) points = decoded.points;
      else messages.push(`Ignored the URL parameter "${key}": ${decoded.error}; starting with no drawn points.`);
    }
  }
  return { params: numeric.params, sample: numeric.sample, choices, lists, texts, points, messages };
}

/** Writes an island's whole state; defaults are removed, alias keys dropped, other keys kept. */
export function writeIslandState(query: string, spec: IslandSpec, state: IslandState): string {
  const search = new URLSearchParams(writeState(query, spec.id, spec.params ?? [], state.params, spec.sample, state.sample));
  for (const alias of spec.aliases ?? []) {
    if (alias === '') tableNames(spec).forEach((name) => search.delete(name));
    else Array.from(search.keys()).filter((key) => key.startsWith(`${alias}.`)).forEach((key) => search.delete(key));
  }
  for (const list of spec.lists ?? []) {
    const key = urlKey(spec.id, list.name);
    const value = state.lists[list.name] ?? list.default;
    if (value.every((v, i) => v === list.default[i])) search.delete(key);
    else search.set(key, value.map((v) => String(Number(v.toPrecision(12)))).join(','));
  }
  for (const choice of spec.choices ?? []) {
    const key = urlKey(spec.id, choice.name);
    const value = state.choices[choice.name];
    if (value === undefined || value === choice.default) search.delete(key);
    else search.set(key, value);
  }
  for (const text of spec.texts ?? []) {
    const key = urlKey(spec.id, text.name);
    const value = state.texts[text.name] ?? text.default;
    if (value === text.default) search.delete(key);
    else search.set(key, value);
  }
  if (spec.points) {
    const key = urlKey(spec.id, spec.points.name);
    if (!state.points || state.points.length === 0) search.delete(key);
    else search.set(key, encodePoints(state.points, spec.points.extent));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
