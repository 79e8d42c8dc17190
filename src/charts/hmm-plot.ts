/**
 * Observable Plot options for the HMM island: per-time posterior marginals, exact (forward-backward)
 * against mean field, one facet per hidden state; and the ELBO per CAVI sweep below ln p(X).
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** p(z_t = k | X) and q_t(k) at one (t, k); `truth` when the seeded chain was in state k at t. */
export interface MarginalRow {
  readonly t: number;
  readonly state: string;
  readonly exact: number;
  readonly meanField: number;
  readonly truth: boolean;
}

export const MARGINAL_CURVES = ['exact p(zₜ = k | X)', 'mean field qₜ(k)'] as const;
const COLORS = ['#4269d0', '#ff725c'];

/** Both marginals over t = 1..T, one row of panels per state, with rings where the chain truly was. */
export function hmmMarginalsPlot(rows: readonly MarginalRow[], states: readonly string[]): PlotOptions {
  const long = rows.flatMap((r) => [
    { t: r.t, state: r.state, value: r.exact, curve: MARGINAL_CURVES[0] },
    { t: r.t, state: r.state, value: r.meanField, curve: MARGINAL_CURVES[1] },
  ]);
  return {
    height: 60 + 105 * states.length,
    marginLeft: 44,
    marginTop: 38,
    x: { label: 'time t', grid: true, tickFormat: 'd' },
    y: { label: 'probability', domain: [0, 1], ticks: [0, 0.5, 1], grid: true },
    fy: { axis: null, domain: [...states], padding: 0.26 },
    color: { legend: true, domain: [...MARGINAL_CURVES], range: COLORS },
    marks: [
      Plot.frame({ strokeOpacity: 0.3 }),
      // Each panel's name sits above its frame, at the right, clear of the y-axis label.
      Plot.text(states, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-right', lineAnchor: 'bottom', dy: -8, fill: 'currentColor' }),
      Plot.dot(rows.filter((r) => r.truth), { x: 't', y: 1, fy: 'state', r: 4, stroke: 'currentColor', strokeOpacity: 0.7 }),
      Plot.line(long, { x: 't', y: 'value', fy: 'state', stroke: 'curve', strokeWidth: 2, curve: 'linear' }),
      Plot.dot(long, { x: 't', y: 'value', fy: 'state', fill: 'curve', r: 2 }),
    ],
  };
}

export const TRACE_CURVES = ['ln p(X), forward–backward', 'ELBO(q), mean field'] as const;

/** ELBO_s for s = 0..S sweeps (from uniform q_t) and the constant ln p(X) above it. */
export function caviTracePlot(elbos: readonly number[], logEvidence: number): PlotOptions {
  const long = elbos.flatMap((elbo, sweep) => [
    { sweep, value: logEvidence, curve: TRACE_CURVES[0] },
    { sweep, value: elbo, curve: TRACE_CURVES[1] },
  ]);
  return {
    height: 220,
    marginLeft: 56,
    x: { label: 'CAVI sweep', grid: true, tickFormat: 'd', domain: [0, Math.max(1, elbos.length - 1)] },
    y: { label: 'nats', grid: true },
    color: { legend: true, domain: [...TRACE_CURVES], range: COLORS },
    marks: [
      Plot.line(long.filter((d) => d.curve === TRACE_CURVES[0]), { x: 'sweep', y: 'value', stroke: 'curve', strokeWidth: 2, strokeDasharray: '5 3' }),
      Plot.line(long.filter((d) => d.curve === TRACE_CURVES[1]), { x: 'sweep', y: 'value', stroke: 'curve', strokeWidth: 2 }),
      Plot.dot(long.filter((d) => d.curve === TRACE_CURVES[1]), { x: 'sweep', y: 'value', fill: 'curve', r: 2.5 }),
    ],
  };
}
