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

/** A length scale for score arrows on a square grid: the longest arrow spans `fill` of a grid cell. */
export function arrowLengthScale(arrows: readonly Arrow[], fill: number): { domain: [number, number]; range: [number, number] } {
  const largest = Math.max(...arrows.map((a) => Math.hypot(a.s1, a.s2)), 1e-9);
  return { domain: [0, largest], range: [0, (fill * 440) / Math.sqrt(Math.max(arrows.length, 1))] };
}

/** One arrow per score (s1, s2), centred on its point, length |s| on the `length` scale. */
export function scoreVectors(arrows: readonly Arrow[], strokeWidth: number): Plot.Markish {
  return Plot.vector(arrows, {
    x: 'x',
    y: 'y',
    // Plot measures rotation clockwise from "up", in degrees.
    rotate: (a: Arrow) => (Math.atan2(a.s1, a.s2) * 180) / Math.PI,
    length: (a: Arrow) => Math.hypot(a.s1, a.s2),
    anchor: 'middle',
    stroke: '#d03a1f',
    strokeWidth,
  });
}

/** Heat map of relative density values (row-major from the bottom-left) and one arrow per score. */
export function scoreFieldPlot(density: ArrayLike<number>, count: number, extent: number, arrows: readonly Arrow[]): PlotOptions {
  return {
    // Equal scales on both axes, so arrows point where the score points; the SVG scales down on narrow screens.
    width: 480,
    aspectRatio: 1,
    marginLeft: 36,
    x: { label: 'x₁', domain: [-extent, extent] },
    y: { label: 'x₂', domain: [-extent, extent] },
    color: { scheme: 'blues', domain: [0, 1], label: 'q̃(x) / max q̃', legend: true },
    length: arrowLengthScale(arrows, 0.85),
    marks: [
      Plot.raster(Array.from(density), { width: count, height: count, x1: -extent, x2: extent, y1: -extent, y2: extent, imageRendering: 'auto' }),
      scoreVectors(arrows, 1.5),
    ],
  };
}
