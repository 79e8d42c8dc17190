/**
 * Observable Plot options for the cost of one score-matching training step against the input
 * dimension D, log-log: one line per method (exact ISM by D passes, batched, SSM).
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface CostRow {
  readonly method: string;
  readonly dims: number;
  readonly msPerStep: number;
}

const COLOURS = ['#d03a1f', '#efb118', '#4269d0'];

/** `methods` fixes the legend order and colours; rows may cover only part of the sweep. */
export function costPlot(rows: readonly CostRow[], methods: readonly string[], dimensions: readonly number[]): PlotOptions {
  return {
    height: 280,
    marginLeft: 56,
    x: { type: 'log', base: 2, label: 'input dimension d', grid: true, domain: [Math.min(...dimensions) / 1.15, Math.max(...dimensions) * 1.15], ticks: dimensions },
    y: { type: 'log', label: 'ms per training step', grid: true },
    color: { legend: true, domain: [...methods], range: COLOURS },
    marks: [
      Plot.line(rows, { x: 'dims', y: 'msPerStep', z: 'method', stroke: 'method', strokeWidth: 1.5 }),
      Plot.dot(rows, { x: 'dims', y: 'msPerStep', fill: 'method', r: 3.5 }),
    ],
  };
}
