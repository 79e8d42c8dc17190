/**
 * Observable Plot options for the diffusion chapter: the ELBO's weights per noise level, histograms of
 * particles over an exact density, 2-D noised data, and sample quality per sampler and number of steps.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

const BLUE = '#1f77b4';
const GOLD = '#d4a017';
const RED = '#ff725c';

/** The relative weights per level (each summing to 1 over t) on a log axis, with the current level marked. */
export function diffusionWeightsPlot(rows: readonly { t: number; elbo: number; simple: number }[], current: number): PlotOptions {
  const long = rows.flatMap((r) => [
    { t: r.t, weight: r.elbo, series: 'ELBO: λ_t' },
    { t: r.t, weight: r.simple, series: 'L_simple: σ_t²' },
  ]);
  return {
    height: 200,
    marginLeft: 56,
    x: { label: 'noise level t', grid: true },
    y: { label: 'share of the weight', type: 'log', grid: true, tickFormat: '.0e' },
    color: { legend: true, domain: ['ELBO: λ_t', 'L_simple: σ_t²'], range: [BLUE, GOLD] },
    marks: [
      Plot.lineY(long, { x: 't', y: 'weight', stroke: 'series', strokeWidth: 1.8 }),
      Plot.ruleX([current], { stroke: 'currentColor', strokeDasharray: '3,3' }),
    ],
  };
}

/** One curve of a density, x against p(x). */
export interface DensityPoint {
  readonly x: number;
  readonly density: number;
}

/** A normalised histogram of particles with exact density curves over it (the first in red, the rest grey). */
export function particleHistogramPlot(
  particles: ArrayLike<number>, curves: readonly { readonly label: string; readonly points: readonly DensityPoint[] }[], domain: readonly [number, number],
): PlotOptions {
  const bins = 60;
  const width = (domain[1] - domain[0]) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < particles.length; i++) {
    const k = Math.floor((particles[i]! - domain[0]) / width);
    if (k >= 0 && k < bins) counts[k]! += 1;
  }
  // Normalised by all particles, so the bars integrate to the fraction inside the frame.
  const bars = counts.map((count, k) => ({ x1: domain[0] + k * width, x2: domain[0] + (k + 1) * width, y: count / (particles.length * width) }));
  const labels = curves.map((c) => c.label);
  const rows = curves.flatMap((c) => c.points.map((p) => ({ ...p, label: c.label })));
  return {
    height: 220,
    marginLeft: 48,
    x: { label: 'x', domain: [...domain] },
    y: { label: 'density', grid: true },
    color: { legend: labels.length > 0, domain: labels, range: [RED, '#888888', BLUE].slice(0, labels.length) },
    marks: [
      Plot.rectY(bars, { x1: 'x1', x2: 'x2', y: 'y', fill: BLUE, fillOpacity: 0.45 }),
      Plot.lineY(rows, { x: 'x', y: 'density', stroke: 'label', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}

/** Interleaved 2-D points [x1, y1, x2, y2, ...] as a scatter on equal scales over [-extent, extent]^2. */
export function noisedScatterPlot(points: ArrayLike<number>, extent: number): PlotOptions {
  const rows = Array.from({ length: Math.floor(points.length / 2) }, (_, i) => ({ x: points[2 * i]!, y: points[2 * i + 1]! }));
  return {
    height: 300,
    width: 300,
    marginLeft: 36,
    x: { domain: [-extent, extent], label: 'x₁' },
    y: { domain: [-extent, extent], label: 'x₂' },
    marks: [Plot.dot(rows, { x: 'x', y: 'y', r: 1.2, fill: BLUE, fillOpacity: 0.5 })],
  };
}

/** One sampler's energy distance at one number of steps. */
export interface QualityRow {
  readonly sampler: string;
  readonly steps: number;
  readonly energy: number;
}

/** Energy distance to held-out data against the number of steps, one line per sampler, both axes log. */
export function samplerQualityPlot(rows: readonly QualityRow[], floor: number): PlotOptions {
  const samplers = [...new Set(rows.map((r) => r.sampler))];
  return {
    height: 220,
    marginLeft: 56,
    x: { label: 'number of steps N', type: 'log', grid: true },
    y: { label: 'energy distance', type: 'log', grid: true, tickFormat: '.0e' },
    color: { legend: true, domain: samplers, range: [BLUE, RED, GOLD] },
    marks: [
      Plot.lineY(rows.map((r) => ({ ...r, energy: Math.max(r.energy, floor / 10) })), { x: 'steps', y: 'energy', stroke: 'sampler', marker: 'circle', strokeWidth: 1.5 }),
      Plot.ruleY([floor], { stroke: 'currentColor', strokeDasharray: '3,3' }),
    ],
  };
}
