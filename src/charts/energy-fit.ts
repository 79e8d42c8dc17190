/**
 * Observable Plot options for fitted energy models: the data as a density histogram with the
 * normalised densities of each fit (and the target, when known) drawn over it.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** One bin of a density histogram: count / (n width) over [x1, x2). */
export interface HistogramBin {
  readonly x1: number;
  readonly x2: number;
  readonly density: number;
}

/** One point of a density curve, named by the fit it belongs to. */
export interface CurvePoint {
  readonly x: number;
  readonly density: number;
  readonly curve: string;
}

/** Histogram in grey, one coloured line per curve, in the legend order `curves` with `colors`. */
export function energyFitPlot(histogram: readonly HistogramBin[], points: readonly CurvePoint[], curves: readonly string[], colors: readonly string[]): PlotOptions {
  return {
    height: 240,
    marginLeft: 44,
    x: { label: 'x', grid: true },
    y: { label: 'density', grid: true },
    color: { legend: true, domain: [...curves], range: [...colors] },
    marks: [
      Plot.rectY(histogram, { x1: 'x1', x2: 'x2', y: 'density', fill: 'currentColor', fillOpacity: 0.18 }),
      Plot.lineY(points, { x: 'x', y: 'density', stroke: 'curve', strokeWidth: 2, z: 'curve' }),
      Plot.ruleY([0]),
    ],
  };
}
