/**
 * Observable Plot options for Monte-Carlo convergence: estimates with +-2 s.e. bars against the
 * exact value, and the band exact +- 2 sd / sqrt(N) that every estimate should mostly fall in.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface ConvergenceRow {
  readonly n: number;
  readonly estimate: number;
  readonly stdErr: number;
}

/** Estimates over N (log axis), exact value as a rule, 1/sqrt(N) band of half-width 2 sd/sqrt(N). */
export function convergencePlot(rows: readonly ConvergenceRow[], exact: number, stdDev: number): PlotOptions {
  const band = rows.map((r) => ({ n: r.n, low: exact - (2 * stdDev) / Math.sqrt(r.n), high: exact + (2 * stdDev) / Math.sqrt(r.n) }));
  return {
    height: 260,
    marginLeft: 56,
    x: { type: 'log', label: 'sample size N', grid: true },
    y: { label: 'estimate of KL(p‖q) (nats)', grid: true },
    marks: [
      Plot.areaY(band, { x: 'n', y1: 'low', y2: 'high', fill: '#4269d0', fillOpacity: 0.15 }),
      Plot.ruleY([exact], { stroke: '#4269d0', strokeDasharray: '4 3' }),
      Plot.ruleX(rows, { x: 'n', y1: (r: ConvergenceRow) => r.estimate - 2 * r.stdErr, y2: (r: ConvergenceRow) => r.estimate + 2 * r.stdErr, stroke: '#ff725c' }),
      Plot.dot(rows, { x: 'n', y: 'estimate', fill: '#ff725c', r: 3, tip: true }),
      Plot.text([{ n: rows[rows.length - 1].n, y: exact }], { x: 'n', y: 'y', text: () => 'exact', dy: -8, textAnchor: 'end', fill: 'currentColor' }),
    ],
  };
}
