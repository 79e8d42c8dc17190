/**
 * Observable Plot options for the EM island: the log-likelihood and the ELBO per half-step, with
 * any decrease of the log-likelihood marked, and the mixture density over a histogram of the data.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';
import type { EmTracePoint } from '../math/gmm-em';

/** One point of the trace (computed by src/math/gmm-em.ts). */
export type EmTraceRow = EmTracePoint;

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
