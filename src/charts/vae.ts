/**
 * Observable Plot options for the VAE island: the latent codes, the data with reconstructions, samples
 * from the model, and the ELBO per epoch split into its reconstruction and KL terms.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** Colour scheme of a point's feature: cyclic for the ring's angle, sequential otherwise. */
export type FeatureScheme = 'sinebow' | 'turbo';

interface FeaturePoint {
  readonly x: number;
  readonly y: number;
  readonly feature: number;
}

const SIZE = { width: 330, height: 300, marginLeft: 40, marginBottom: 36 };

/** Rows {x, y, feature} from interleaved coordinates (dim per row; a 1-D row puts the feature on y). */
function rowsOf(values: ArrayLike<number>, dim: number, feature: ArrayLike<number>): FeaturePoint[] {
  return Array.from({ length: feature.length }, (_, i) => ({
    x: values[dim * i]!,
    y: dim === 2 ? values[dim * i + 1]! : feature[i]!,
    feature: feature[i]!,
  }));
}

/** [lo, hi] covering the values and at least [-limit, limit], so the axes do not jump while training. */
function extent(values: ArrayLike<number>, step: number, start: number, limit: number): [number, number] {
  let lo = -limit;
  let hi = limit;
  for (let i = start; i < values.length; i += step) {
    if (values[i]! < lo) lo = values[i]!;
    if (values[i]! > hi) hi = values[i]!;
  }
  return [lo, hi];
}

function colour(scheme: FeatureScheme, label: string) {
  return { type: 'linear' as const, scheme, domain: [0, 1], legend: true, label, ticks: 3, width: 240, marginLeft: 12, marginRight: 12 };
}

/**
 * The encoder means mu(x) of every point, coloured by where the point lies on the shape: a 2-D latent
 * as a scatter; a 1-D latent against the feature itself (an ordered code is a monotone band).
 */
export function latentPlot(latentMeans: ArrayLike<number>, latentDim: number, feature: ArrayLike<number>, featureLabel: string, scheme: FeatureScheme): PlotOptions {
  const rows = rowsOf(latentMeans, latentDim, feature);
  return {
    ...SIZE,
    x: { label: latentDim === 2 ? 'μ₁(x)' : 'μ(x)', domain: extent(latentMeans, latentDim, 0, 3), grid: true },
    y: latentDim === 2 ? { label: 'μ₂(x)', domain: extent(latentMeans, 2, 1, 3), grid: true } : { label: featureLabel, domain: [0, 1], grid: true },
    color: colour(scheme, featureLabel),
    marks: [
      Plot.dot(rows, { x: 'x', y: 'y', fill: 'feature', r: 2.2 }),
      latentDim === 2 ? Plot.dot([{ x: 0, y: 0 }], { x: 'x', y: 'y', symbol: 'plus', r: 6, stroke: 'currentColor' }) : Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
    ],
  };
}

/** Shared axes for the two data-space views: the data's extent with a margin. */
export function dataDomain(points: ArrayLike<number>): [number, number] {
  const [lo, hi] = extent(points, 1, 0, 0);
  const pad = 0.15 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** The data (grey) and their reconstructions f(mu(x)) coloured by the feature, on equal axes. */
export function reconstructionPlot(points: ArrayLike<number>, reconstructions: ArrayLike<number>, feature: ArrayLike<number>, featureLabel: string, scheme: FeatureScheme, domain: [number, number]): PlotOptions {
  return {
    ...SIZE,
    x: { label: 'x₁', domain, grid: true },
    y: { label: 'x₂', domain, grid: true },
    color: colour(scheme, featureLabel),
    marks: [
      Plot.dot(rowsOf(points, 2, feature), { x: 'x', y: 'y', r: 1.6, fill: 'currentColor', fillOpacity: 0.25 }),
      Plot.dot(rowsOf(reconstructions, 2, feature), { x: 'x', y: 'y', fill: 'feature', r: 2, clip: true }),
    ],
  };
}

/**
 * The data (grey) and samples x = f(z) + s e from the model with z ~ N(0, I) (orange); for a 1-D
 * latent also the decoder's curve f(z), z in [-3, 3].
 */
export function samplesPlot(points: ArrayLike<number>, samples: ArrayLike<number>, curve: ArrayLike<number>, domain: [number, number]): PlotOptions {
  const pairs = (values: ArrayLike<number>) => Array.from({ length: values.length / 2 }, (_, i) => ({ x: values[2 * i]!, y: values[2 * i + 1]! }));
  return {
    ...SIZE,
    x: { label: 'x₁', domain, grid: true },
    y: { label: 'x₂', domain, grid: true },
    marks: [
      Plot.dot(pairs(points), { x: 'x', y: 'y', r: 1.6, fill: 'currentColor', fillOpacity: 0.25 }),
      Plot.dot(pairs(samples), { x: 'x', y: 'y', r: 2, fill: '#ff725c', fillOpacity: 0.8, clip: true }),
      curve.length > 0 ? Plot.line(pairs(curve), { x: 'x', y: 'y', stroke: '#4269d0', strokeWidth: 2.5, clip: true }) : null,
    ],
  };
}

export interface VaeElboRow {
  readonly epoch: number;
  readonly reconstruction: number;
  readonly kl: number;
  readonly elbo: number;
}

export const ELBO_CURVES = ['ELBO', 'reconstruction E_q ln p(x|z)', 'KL(q(z|x) ‖ p(z))'] as const;

/** The ELBO and its two terms per epoch (per data point), with a reference level as a dashed rule. */
export function vaeElboPlot(rows: readonly VaeElboRow[], reference: number): PlotOptions {
  const long = rows.flatMap((r) => [
    { epoch: r.epoch, value: r.elbo, curve: ELBO_CURVES[0] },
    { epoch: r.epoch, value: r.reconstruction, curve: ELBO_CURVES[1] },
    { epoch: r.epoch, value: r.kl, curve: ELBO_CURVES[2] },
  ]);
  // The first epochs can be far below; start the axis where the curves have mostly settled.
  const settled = rows.slice(Math.min(rows.length - 1, Math.floor(rows.length / 10)));
  const low = Math.min(reference, ...settled.map((r) => r.elbo));
  const high = Math.max(reference, ...settled.map((r) => Math.max(r.kl, r.reconstruction)));
  const pad = 0.1 * (high - low) + 0.1;
  return {
    height: 260,
    marginLeft: 48,
    x: { label: 'epoch', grid: true },
    y: { label: 'nats per point', grid: true, domain: [low - pad, high + pad], tickFormat: (v: number) => String(v).replace('-', '−') },
    color: { legend: true, domain: [...ELBO_CURVES], range: ['#4269d0', '#efb118', '#ff725c'] },
    marks: [
      Plot.ruleY([reference], { strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.7 }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      Plot.lineY(long, { x: 'epoch', y: 'value', stroke: 'curve', strokeWidth: 1.8, clip: true }),
    ],
  };
}
