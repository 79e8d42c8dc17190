/**
 * Observable Plot options for the 1-D score picture: an unnormalised density c p(x) above its score
 * d/dx ln(c p(x)), which does not depend on c.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface ScoreLineRow {
  readonly x: number;
  readonly density: number;
  readonly score: number;
}

/** The unnormalised density as a filled area, with the x range shared with scoreLinePlot. */
export function unnormalisedDensityPlot(rows: readonly ScoreLineRow[]): PlotOptions {
  return {
    height: 170,
    marginLeft: 64,
    x: { label: 'x', grid: true },
    y: { label: 'c·p(x)', grid: true, tickFormat: '.2~g' },
    marks: [
      Plot.areaY(rows, { x: 'x', y: 'density', fill: '#4269d0', fillOpacity: 0.25 }),
      Plot.lineY(rows, { x: 'x', y: 'density', stroke: '#4269d0', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}

/** The score with its zero line; zeros of the score are the modes and the dip between them. */
export function scoreLinePlot(rows: readonly ScoreLineRow[], limit: number): PlotOptions {
  return {
    height: 190,
    marginLeft: 64,
    x: { label: 'x', grid: true },
    y: { label: 'score s(x)', grid: true, domain: [-limit, limit] },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.lineY(rows, { x: 'x', y: (r: ScoreLineRow) => Math.max(-limit, Math.min(limit, r.score)), stroke: '#d6420f', strokeWidth: 2 }),
    ],
  };
}
