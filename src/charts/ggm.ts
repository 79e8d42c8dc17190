/**
 * Observable Plot options for graph recovery: an edge matrix coloured by outcome, and ROC curves.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export type EdgeOutcome = 'true edge found' | 'false edge' | 'edge missed';
const OUTCOMES: readonly EdgeOutcome[] = ['true edge found', 'false edge', 'edge missed'];

/** Upper triangle cells (i < j) coloured by whether the estimate finds, invents or misses the edge. */
export function edgeMatrixPlot(cells: readonly { i: number; j: number; outcome: EdgeOutcome }[], p: number): PlotOptions {
  const nodes = Array.from({ length: p }, (_, i) => i + 1);
  return {
    height: 60 + 22 * p,
    width: 60 + 22 * p + 220,
    marginLeft: 36,
    x: { domain: nodes, label: 'node j', axis: 'top' },
    y: { domain: nodes, label: 'node i' },
    color: { domain: [...OUTCOMES], range: ['#3ca951', '#ff725c', '#a0a0a0'], legend: true },
    marks: [
      Plot.cell(cells, { x: (c: { j: number }) => c.j + 1, y: (c: { i: number }) => c.i + 1, fill: 'outcome', inset: 1 }),
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.3 }),
    ],
  };
}

export interface RocPoint {
  readonly method: string;
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
}

/** ROC curves (one line per method) with the chance diagonal. */
export function rocPlot(points: readonly RocPoint[], current?: RocPoint): PlotOptions {
  return {
    height: 260,
    marginLeft: 44,
    x: { domain: [0, 1], label: 'false-positive rate', grid: true },
    y: { domain: [0, 1], label: 'true-positive rate', grid: true },
    color: { legend: true, domain: [...new Set(points.map((p) => p.method))], range: ['#4269d0', '#ff725c'] },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: 'currentColor', strokeOpacity: 0.3, strokeDasharray: '3 3' }),
      Plot.line(points, { x: 'falsePositiveRate', y: 'truePositiveRate', stroke: 'method', strokeWidth: 2, curve: 'step-after', sort: { channel: 'x' } }),
      ...(current ? [Plot.dot([current], { x: 'falsePositiveRate', y: 'truePositiveRate', r: 5, fill: '#4269d0', stroke: 'currentColor' })] : []),
    ],
  };
}
