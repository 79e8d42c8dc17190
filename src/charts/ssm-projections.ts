/**
 * Observable Plot options for sliced score matching against the number of projections M per point:
 * estimates with +-2 s.e. bars for Rademacher and Gaussian directions (log2 axis), the exact J_ISM
 * as a solid rule and the sample ISM on the same points, the M -> infinity limit, as a dashed rule.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface ProjectionRow {
  readonly kind: string;
  readonly projections: number;
  readonly value: number;
  readonly stdErr: number;
}

export const PROJECTION_KINDS = ['Rademacher', 'Gaussian'] as const;
const COLOURS = ['#4269d0', '#d03a1f'];
/** Horizontal nudge so the two kinds' bars do not overlap on the log axis. */
const NUDGE: Readonly<Record<string, number>> = { Rademacher: 0.9, Gaussian: 1.1 };

/** `selected` is the reader's M, drawn as a ring on both kinds. */
export function projectionsPlot(rows: readonly ProjectionRow[], exact: number, sampleIsm: number, selected: number): PlotOptions {
  const placed = rows.map((r) => ({ ...r, at: r.projections * NUDGE[r.kind], low: r.value - 2 * r.stdErr, high: r.value + 2 * r.stdErr }));
  const largest = Math.max(...rows.map((r) => r.projections));
  return {
    height: 280,
    marginLeft: 56,
    x: { type: 'log', base: 2, label: 'projections per point M', grid: true, domain: [0.8, largest * 1.25], ticks: [1, 2, 4, 8, 16, 32, 64].filter((t) => t <= largest) },
    y: { label: 'estimate of J_ISM', grid: true, tickFormat: (v: number) => String(v).replace('-', '−') },
    color: { legend: true, domain: [...PROJECTION_KINDS], range: COLOURS },
    marks: [
      Plot.ruleY([exact], { stroke: 'currentColor', strokeWidth: 1.5 }),
      Plot.ruleY([sampleIsm], { stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.8 }),
      Plot.ruleX(placed, { x: 'at', y1: 'low', y2: 'high', stroke: 'kind', strokeWidth: 1.5 }),
      Plot.dot(placed, { x: 'at', y: 'value', fill: 'kind', r: 3 }),
      Plot.dot(placed.filter((r) => r.projections === selected), { x: 'at', y: 'value', stroke: 'kind', r: 7, strokeWidth: 2 }),
    ],
  };
}
