/**
 * Observable Plot options for the concrete-score fit: the true distribution p as bars, the empirical
 * frequencies of the draws and the fitted q_theta as marks over them, and the objective per iteration.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

const SERIES = ['true p', 'frequencies of the draws', 'fitted q (concrete score matching)'];

/** `q` absent: no fit (a state was never drawn); p and the frequencies only. */
export function concreteFitPlot(p: readonly number[], frequencies: readonly number[], q: readonly number[] | undefined): PlotOptions {
  const states = p.map((_, x) => x);
  const points = states.flatMap((x) => [
    { x, probability: frequencies[x], series: SERIES[1] },
    ...(q ? [{ x, probability: q[x], series: SERIES[2] }] : []),
  ]);
  return {
    height: 220,
    marginLeft: 48,
    x: { label: 'state x', type: 'band', tickFormat: (x: number) => (x % 3 === 0 ? String(x) : '') },
    y: { label: 'probability', grid: true },
    color: { legend: true, domain: q ? SERIES : SERIES.slice(0, 2), range: ['#9aa6c4', 'currentColor', '#ff725c'] },
    symbol: { domain: SERIES.slice(1), range: ['circle', 'times'] },
    marks: [
      Plot.barY(states, { x: (x: number) => x, y: (x: number) => p[x], fill: () => SERIES[0], fillOpacity: 0.7 }),
      Plot.dot(points.filter((d) => d.series === SERIES[1]), { x: 'x', y: 'probability', stroke: 'currentColor', r: 3.5 }),
      Plot.dot(points.filter((d) => d.series === SERIES[2]), { x: 'x', y: 'probability', stroke: 'series', symbol: 'times', r: 5, strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}

/** How far the sample objective is above its minimum (reached at q = frequencies), per iteration, on a log axis. */
export function concreteTracePlot(trace: readonly { iteration: number; objective: number }[], minimum: number): PlotOptions {
  // Rounding can put the last values a hair below the minimum; floor the gap so the log axis has it.
  const rows = trace.map((row) => ({ iteration: row.iteration, gap: Math.max(row.objective - minimum, 1e-14) }));
  return {
    height: 180,
    marginLeft: 56,
    x: { label: 'Adam iteration', grid: true },
    y: { label: 'objective − its minimum', grid: true, type: 'log', tickFormat: '.0e' },
    marks: [Plot.lineY(rows, { x: 'iteration', y: 'gap', stroke: '#ff725c', strokeWidth: 1.5 })],
  };
}
