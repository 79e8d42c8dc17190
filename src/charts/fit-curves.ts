/**
 * Observable Plot options for the MLE fit: KL(p||q_theta) and NLL(theta) - H(p) per iteration,
 * which fall together because they differ only by Monte-Carlo error.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface FitRow {
  readonly iteration: number;
  readonly kl: number;
  readonly nllMinusEntropy: number;
}

/** Two curves over iterations, with the KL at the closed-form MLE as a dashed floor. */
export function fitCurvesPlot(rows: readonly FitRow[], klAtMle: number): PlotOptions {
  const long = rows.flatMap((r) => [
    { iteration: r.iteration, value: r.kl, curve: 'KL(p‖qθ), by integration' },
    { iteration: r.iteration, value: r.nllMinusEntropy, curve: 'NLL(θ) − H(p), on the sample' },
  ]);
  return {
    height: 240,
    marginLeft: 50,
    x: { label: 'iteration', grid: true },
    y: { label: 'nats', grid: true, type: 'log' },
    color: { legend: true, domain: ['KL(p‖qθ), by integration', 'NLL(θ) − H(p), on the sample'], range: ['#4269d0', '#ff725c'] },
    marks: [
      Plot.ruleY([klAtMle], { strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.lineY(long, { x: 'iteration', y: 'value', stroke: 'curve', strokeWidth: 2 }),
    ],
  };
}

export interface DensityRow {
  readonly x: number;
  readonly density: number;
  readonly curve: string;
}

/** Densities over x (target, fits), one line per curve; `fill` marks the target as an area. */
export function densityPlot(rows: readonly DensityRow[], curves: readonly string[], colors: readonly string[]): PlotOptions {
  const target = rows.filter((r) => r.curve === curves[0]);
  return {
    height: 220,
    marginLeft: 44,
    x: { label: 'x', grid: true },
    y: { label: 'density', grid: true },
    color: { legend: true, domain: [...curves], range: [...colors] },
    marks: [
      Plot.areaY(target, { x: 'x', y: 'density', fill: colors[0], fillOpacity: 0.15 }),
      Plot.lineY(rows, { x: 'x', y: 'density', stroke: 'curve', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}
