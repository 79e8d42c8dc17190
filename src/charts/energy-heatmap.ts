/**
 * Observable Plot options for a 2-D energy-based model: the unnormalised density exp(-E) on a
 * grid, scaled to 1 at its maximum (no normaliser is known), with the data points over it.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** E on a square grid [lower, upper]^2, `cells` per side, row-major from (lower, lower), x fastest. */
export interface EnergyGrid {
  readonly energies: ArrayLike<number>;
  readonly lower: number;
  readonly upper: number;
  readonly cells: number;
}

/** exp(-(E - min E)) per cell: the unnormalised density relative to its largest value on the grid. */
export function relativeDensity(energies: ArrayLike<number>): number[] {
  let min = Infinity;
  for (let i = 0; i < energies.length; i += 1) min = Math.min(min, energies[i]!);
  return Array.from(energies, (e) => Math.exp(-(e - min)));
}

/** Heat map of exp(-E) / max and the data (interleaved x, y) as dots. */
export function energyHeatmapPlot(grid: EnergyGrid, points: ArrayLike<number>): PlotOptions {
  const { lower, upper, cells } = grid;
  const dots = Array.from({ length: Math.floor(points.length / 2) }, (_, i) => ({ x: points[2 * i]!, y: points[2 * i + 1]! }));
  return {
    height: 340,
    width: 360,
    marginLeft: 36,
    aspectRatio: 1,
    x: { label: 'x₁', domain: [lower, upper] },
    y: { label: 'x₂', domain: [lower, upper] },
    color: { scheme: 'blues', domain: [0, 1], label: 'exp(−E) / max', legend: true },
    marks: [
      Plot.raster(relativeDensity(grid.energies), { width: cells, height: cells, x1: lower, x2: upper, y1: lower, y2: upper, imageRendering: 'auto' }),
      Plot.dot(dots, { x: 'x', y: 'y', r: 1.6, fill: '#d03a1f', clip: true }),
    ],
  };
}
