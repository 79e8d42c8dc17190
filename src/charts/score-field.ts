/**
 * Observable Plot options for a 2-D density as a heat map with its score field as arrows
 * (Plot.raster + Plot.vector), on equal x and y scales.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface Arrow {
  readonly x: number;
  readonly y: number;
  /** The score (s1, s2) at (x, y). */
  readonly s1: number;
  readonly s2: number;
}

/** Heat map of relative density values (row-major from the bottom-left) and one arrow per score. */
export function scoreFieldPlot(density: ArrayLike<number>, count: number, extent: number, arrows: readonly Arrow[]): PlotOptions {
  const largest = Math.max(...arrows.map((a) => Math.hypot(a.s1, a.s2)), 1e-9);
  return {
    // Equal scales on both axes, so arrows point where the score points; the SVG scales down on narrow screens.
    width: 480,
    aspectRatio: 1,
    marginLeft: 36,
    x: { label: 'x₁', domain: [-extent, extent] },
    y: { label: 'x₂', domain: [-extent, extent] },
    color: { scheme: 'blues', domain: [0, 1], label: 'q̃(x) / max q̃', legend: true },
    length: { domain: [0, largest], range: [0, (0.85 * 440) / Math.sqrt(arrows.length)] },
    marks: [
      Plot.raster(Array.from(density), { width: count, height: count, x1: -extent, x2: extent, y1: -extent, y2: extent, imageRendering: 'auto' }),
      Plot.vector(arrows, {
        x: 'x',
        y: 'y',
        // Plot measures rotation clockwise from "up", in degrees.
        rotate: (a: Arrow) => (Math.atan2(a.s1, a.s2) * 180) / Math.PI,
        length: (a: Arrow) => Math.hypot(a.s1, a.s2),
        anchor: 'middle',
        stroke: '#d03a1f',
        strokeWidth: 1.5,
      }),
    ],
  };
}
