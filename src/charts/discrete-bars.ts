/**
 * Observable Plot options for two discrete distributions side by side (no DOM: PlotFigure renders).
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** Grouped bars of p and q per outcome. */
export function discreteBarsPlot(p: readonly number[], q: readonly number[], outcomes: readonly string[]): PlotOptions {
  const rows = outcomes.flatMap((outcome, i) => [
    { outcome, distribution: 'p', probability: p[i] },
    { outcome, distribution: 'q', probability: q[i] },
  ]);
  return {
    height: 200,
    marginLeft: 44,
    marginTop: 36,
    x: { label: 'outcome' },
    fx: { label: null },
    y: { domain: [0, 1], grid: true, label: 'probability' },
    color: { domain: ['p', 'q'], range: ['#4269d0', '#ff725c'], legend: true },
    marks: [
      Plot.barY(rows, { fx: 'outcome', x: 'distribution', y: 'probability', fill: 'distribution' }),
      Plot.ruleY([0]),
    ],
  };
}
