/**
 * Observable Plot options for the ELBO ascent: the noisy Monte-Carlo ELBO per iteration, the exact
 * ELBO of the current q, and ln p(X) as the ceiling neither can cross (in expectation).
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface ElboRow {
  readonly iteration: number;
  readonly estimate: number;
  readonly exact: number;
}

const CURVES = ['ELBO estimate (this step’s draws)', 'exact ELBO(q)'];

/** Two curves over iterations with ln p(X) as a dashed rule; y starts a little below the exact ELBO's range. */
export function elboTracePlot(rows: readonly ElboRow[], logEvidence: number): PlotOptions {
  const long = rows.flatMap((r) => [
    { iteration: r.iteration, value: r.estimate, curve: CURVES[0] },
    { iteration: r.iteration, value: r.exact, curve: CURVES[1] },
  ]);
  const lowest = Math.min(...rows.map((r) => r.exact));
  const span = Math.max(logEvidence - lowest, 1);
  return {
    height: 240,
    marginLeft: 56,
    x: { label: 'iteration', grid: true },
    y: { label: 'nats', grid: true, domain: [lowest - 0.1 * span, logEvidence + 0.1 * span], clamp: true },
    color: { legend: true, domain: CURVES, range: ['#ff725c', '#4269d0'] },
    marks: [
      Plot.ruleY([logEvidence], { strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.7 }),
      Plot.lineY(long, { x: 'iteration', y: 'value', stroke: 'curve', strokeWidth: 1.5 }),
    ],
  };
}
