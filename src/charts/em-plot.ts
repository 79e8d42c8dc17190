/**
 * Observable Plot options for the EM island: the log-likelihood and the ELBO per half-step, with
 * any decrease of the log-likelihood marked, and the mixture density over a histogram of the data.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** One point of the trace: x counts half-steps (E-step at t, M-step lands on t + 1). */
export interface EmTraceRow {
  readonly step: number;
  readonly value: number;
  readonly curve: 'log-likelihood ℓ(θ)' | 'ELBO F(q, θ)';
  readonly decrease?: boolean;
}

const CURVES = ['log-likelihood ℓ(θ)', 'ELBO F(q, θ)'];

/** Both curves per iteration; a decrease of l (which EM never makes) is drawn as a large red dot. */
export function emTracePlot(rows: readonly EmTraceRow[]): PlotOptions {
  return {
    height: 230,
    marginLeft: 60,
    x: { label: 'iteration', grid: true },
    y: { label: 'nats', grid: true },
    color: { legend: true, domain: CURVES, range: ['#4269d0', '#ff725c'] },
    marks: [
      Plot.lineY(rows, { x: 'step', y: 'value', stroke: 'curve', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'step', y: 'value', stroke: 'curve', r: 2.5 }),
      Plot.dot(rows.filter((r) => r.decrease), { x: 'step', y: 'value', r: 7, stroke: '#d00', strokeWidth: 2 }),
    ],
  };
}

/** Density histogram of `data` in `bins` equal bins over [lower, upper]: count / (n width) per bin. */
export function densityHistogram(data: readonly number[], lower: number, upper: number, bins: number): { x1: number; x2: number; density: number }[] {
  const width = (upper - lower) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of data) counts[Math.min(bins - 1, Math.max(0, Math.floor((value - lower) / width)))]! += 1;
  return counts.map((count, i) => ({ x1: lower + i * width, x2: lower + (i + 1) * width, density: count / (data.length * width) }));
}

/** The data as a density histogram with the current mixture density drawn over it. */
export function mixtureFitPlot(histogram: readonly { x1: number; x2: number; density: number }[], curve: readonly { x: number; density: number }[]): PlotOptions {
  return {
    height: 200,
    marginLeft: 44,
    x: { label: 'x', grid: true },
    y: { label: 'density', grid: true },
    marks: [
      Plot.rectY(histogram, { x1: 'x1', x2: 'x2', y: 'density', fill: 'currentColor', fillOpacity: 0.2 }),
      Plot.lineY(curve, { x: 'x', y: 'density', stroke: '#4269d0', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}
