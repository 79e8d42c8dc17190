/**
 * Observable Plot options for two VI-chapter islands: the spread of the score-function and the
 * reparameterised gradient estimators against the number of draws M (measured points over exact lines),
 * and the importance-weighted bound L_K against K with ln p(X) and the ELBO as reference lines.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';
import type { SpreadRow } from '../math/score-function-gradient';

const SERIES = ['score function (REINFORCE)', 'reparameterised'];
const COLOURS = ['#ff725c', '#1f77b4'];

/** Standard deviation of each M-draw estimator against M, log-log: dots measured, lines exact. */
export function estimatorSpreadPlot(rows: readonly SpreadRow[]): PlotOptions {
  const measured = rows.flatMap((r) => [
    { draws: r.draws, sd: r.scoreFunction, series: SERIES[0] },
    { draws: r.draws, sd: r.reparam, series: SERIES[1] },
  ]);
  const exact = rows.flatMap((r) => [
    { draws: r.draws, sd: r.scoreFunctionExact, series: SERIES[0] },
    { draws: r.draws, sd: r.reparamExact, series: SERIES[1] },
  ]);
  return {
    height: 240,
    marginLeft: 56,
    x: { label: 'draws per estimate M', type: 'log', grid: true },
    y: { label: 'standard deviation of the estimate', type: 'log', grid: true },
    color: { legend: true, domain: SERIES, range: COLOURS },
    marks: [
      Plot.lineY(exact, { x: 'draws', y: 'sd', stroke: 'series', strokeWidth: 1.5 }),
      Plot.dot(measured, { x: 'draws', y: 'sd', stroke: 'series', r: 3.5 }),
    ],
  };
}

/** One importance-weighted bound estimate. */
export interface BoundRow {
  readonly k: number;
  readonly mean: number;
  readonly stdErr: number;
}

/** L_K +- 2 s.e. against K (log axis), with ln p(X) (solid) and the ELBO (dashed). */
export function iwaeBoundPlot(rows: readonly BoundRow[], logEvidence: number, elbo: number): PlotOptions {
  return {
    height: 240,
    marginLeft: 64,
    x: { label: 'importance samples K', type: 'log', grid: true },
    y: { label: 'nats', grid: true },
    marks: [
      Plot.ruleY([logEvidence], { stroke: '#1a7f37', strokeWidth: 2 }),
      Plot.ruleY([elbo], { stroke: 'currentColor', strokeDasharray: '4,3' }),
      Plot.ruleX(rows, { x: 'k', y1: (r: BoundRow) => r.mean - 2 * r.stdErr, y2: (r: BoundRow) => r.mean + 2 * r.stdErr, stroke: '#1f77b4' }),
      Plot.line(rows, { x: 'k', y: 'mean', stroke: '#1f77b4' }),
      Plot.dot(rows, { x: 'k', y: 'mean', fill: '#1f77b4', r: 3 }),
    ],
  };
}
