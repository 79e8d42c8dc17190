/**
 * The parameter table: what an island or derivation model lets the reader set (sliders, a seeded
 * sample, word choices, drawn points). One table drives the controls, the URL (de)serialisation in
 * `url-state.ts` and validation, so every state can be shared as a link. Pure data and pure
 * functions: model tests import this module, never the URL code.
 */

/** A slider: one real (or integer) parameter with its range, default and unit. */
export interface ParamSpec {
  readonly name: string;
  /** Plain-text label for the slider (also its accessible name). */
  readonly label: string;
  /** Optional TeX for the symbol, shown beside the label. */
  readonly tex?: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly default: number;
  readonly unit?: string;
}

/** Sample-size and seed settings of a Monte-Carlo derivation. */
export interface SampleSpec {
  readonly defaultN: number;
  readonly minN: number;
  readonly maxN: number;
  readonly defaultSeed: number;
}

export type ParamValues = Readonly<Record<string, number>>;

export interface SampleSettings {
  readonly seed: number;
  readonly n: number;
}

/** One option of a word choice: the word kept in the URL and the label shown. */
export interface ChoiceOption<T extends string = string> {
  readonly value: T;
  readonly label: string;
}

/** A choice among words (`score-dsm.data=moons`), drawn as radio buttons or a select. */
export interface ChoiceSpec<T extends string = string> {
  readonly name: string;
  readonly label: string;
  readonly options: readonly ChoiceOption<T>[];
  readonly default: T;
  /**
   * Older URLs stored this choice as the option's index (`vae.data=1`); when true such a number is
   * still read, so links shared before the choice became a word keep working.
   */
  readonly acceptIndex?: boolean;
}

export type ChoiceValues = Readonly<Record<string, string>>;

/** A fixed-length list of numbers in one URL value (`discrete-kl.p=0.2,0.5,0.3`), each a slider. */
export interface ListSpec {
  readonly name: string;
  /** Plain-text label of the list, used in messages ("the weights of p"). */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly default: readonly number[];
}

export type ListValues = Readonly<Record<string, readonly number[]>>;

/** A short text from a fixed alphabet (`hmm.x=1121222112`): untrusted, kept only when it matches `pattern` whole. */
export interface TextSpec {
  readonly name: string;
  /** Must match the whole value; keep it to a small alphabet and a bounded length. */
  readonly pattern: RegExp;
  /** What a valid value looks like, for the notice about an invalid one ("2 to 60 digits 1 to 4"). */
  readonly expected: string;
  readonly default: string;
}

export type TextValues = Readonly<Record<string, string>>;

/** Points drawn by the reader, kept compactly in the URL (see `points-param.ts`). */
export interface PointsSpec {
  readonly name: string;
  /** The square [-extent, extent]^2 the points lie in; coordinates are kept to extent / 2047. */
  readonly extent: number;
  readonly maxPoints: number;
}

/**
 * Everything an island keeps: its one `id` is the URL prefix (`id.name=value`), its `data-island`
 * name and the prefix of its test ids and element ids.
 */
export interface IslandSpec {
  readonly id: string;
  /**
   * Former URL prefixes, still read (never written) so readers' old links keep working; '' reads
   * the table's bare names (`p=…` for `discrete-kl.p=…`).
   */
  readonly aliases?: readonly string[];
  readonly params?: readonly ParamSpec[];
  readonly sample?: SampleSpec;
  readonly choices?: readonly ChoiceSpec[];
  readonly lists?: readonly ListSpec[];
  readonly texts?: readonly TextSpec[];
  readonly points?: PointsSpec;
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

/** Default sample settings of a sample spec. */
export function defaultSample(spec: SampleSpec): SampleSettings {
  return { n: spec.defaultN, seed: spec.defaultSeed };
}

/** Default words of a choice list. */
export function defaultChoices(specs: readonly ChoiceSpec[]): ChoiceValues {
  return Object.fromEntries(specs.map((spec) => [spec.name, spec.default]));
}

/** Default values of a list spec table. */
export function defaultLists(specs: readonly ListSpec[]): ListValues {
  return Object.fromEntries(specs.map((spec) => [spec.name, [...spec.default]]));
}

/** Default values of a text spec table. */
export function defaultTexts(specs: readonly TextSpec[]): TextValues {
  return Object.fromEntries(specs.map((spec) => [spec.name, spec.default]));
}
