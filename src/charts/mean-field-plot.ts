/**
 * Observable Plot options for the mean-field island: contour ellipses of the correlated target and
 * of the factorised approximation, and the CAVI path of the means.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface ContourPoint {
  readonly x: number;
  readonly y: number;
  readonly curve: string;
  readonly ring: number;
}

/** Points of {z : (z - m)^T Sigma^{-1} (z - m) = r^2}, as m + L u with Sigma = L L^T (Cholesky) and |u| = r. */
export function ellipse(mean: readonly [number, number], covariance: readonly [number, number, number], radius: number, curve: string, points = 96): ContourPoint[] {
  const [a, b, d] = covariance;
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const l22 = Math.sqrt(Math.max(d - l21 * l21, 0));
  return Array.from({ length: points + 1 }, (_, i) => {
    const angle = (2 * Math.PI * i) / points;
    const u1 = radius * Math.cos(angle);
    const u2 = radius * Math.sin(angle);
    return { x: mean[0] + l11 * u1, y: mean[1] + l21 * u1 + l22 * u2, curve, ring: radius };
  });
}

/** Ellipses (one line per curve and ring) and the CAVI path as connected dots, on equal axes. */
export function meanFieldPlot(contours: readonly ContourPoint[], path: readonly { x: number; y: number }[], curves: readonly string[], extent: number): PlotOptions {
  return {
    height: 320,
    width: 340,
    marginLeft: 40,
    x: { label: 'z₁', domain: [-extent, extent], grid: true },
    y: { label: 'z₂', domain: [-extent, extent], grid: true },
    color: { legend: true, domain: [...curves], range: ['#4269d0', '#ff725c'] },
    marks: [
      Plot.line(contours, { x: 'x', y: 'y', stroke: 'curve', z: (p: ContourPoint) => `${p.curve}:${p.ring}`, strokeWidth: 2 }),
      Plot.line(path, { x: 'x', y: 'y', stroke: 'currentColor', strokeOpacity: 0.6, curve: 'step-after' }),
      Plot.dot(path, { x: 'x', y: 'y', fill: 'currentColor', r: 2.5 }),
    ],
  };
}
