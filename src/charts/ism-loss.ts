/**
 * Observable Plot options for the sample ISM loss surface J^(mu, v): a heat map of
 * J^ - J^_min (clipped), the minimiser (xbar, S) as a cross and a gradient-descent path.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface LossSurface {
  /** J^ - J^_min on the grid, row-major from (mu_min, v_min), mu fastest. */
  readonly excess: ArrayLike<number>;
  readonly muRange: readonly [number, number];
  readonly vRange: readonly [number, number];
  readonly width: number;
  readonly height: number;
}

/** Excess losses above this are drawn in the darkest colour. */
export const EXCESS_CLIP = 2;

export function ismLossPlot(surface: LossSurface, minimiser: { mu: number; v: number }, path: readonly { mu: number; v: number }[], clip = EXCESS_CLIP): PlotOptions {
  const clipped = Array.from(surface.excess, (value) => Math.min(value, clip));
  return {
    height: 320,
    marginLeft: 44,
    x: { label: 'μ', domain: [...surface.muRange] },
    y: { label: 'σ²', domain: [...surface.vRange] },
    color: { scheme: 'ylgnbu', domain: [0, clip], label: `Ĵ − Ĵ_min (clipped at ${Number(clip.toPrecision(2))})`, legend: true },
    marks: [
      Plot.raster(clipped, {
        width: surface.width,
        height: surface.height,
        x1: surface.muRange[0],
        x2: surface.muRange[1],
        y1: surface.vRange[0],
        y2: surface.vRange[1],
        imageRendering: 'auto',
      }),
      Plot.line(path, { x: 'mu', y: 'v', stroke: '#d03a1f', strokeWidth: 2, clip: true }),
      Plot.dot(path.slice(0, 1), { x: 'mu', y: 'v', r: 4, fill: '#d03a1f', clip: true }),
      Plot.dot([minimiser], { x: 'mu', y: 'v', symbol: 'times', r: 6, stroke: '#111', strokeWidth: 2.5 }),
    ],
  };
}
