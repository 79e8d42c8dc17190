/**
 * Observable Plot options for the trained-in-the-browser score model: the DSM loss curve, the
 * learned score field over the data, and Langevin particles over the data, on equal 2-D scales.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';
import { arrowLengthScale, scoreVectors } from './score-field';
import type { Arrow } from './score-field';

export interface LossRow {
  readonly iteration: number;
  readonly loss: number;
}

/** The DSM loss per readback against the training step. */
export function dsmLossPlot(rows: readonly LossRow[]): PlotOptions {
  return {
    height: 200,
    marginLeft: 48,
    x: { label: 'training step', grid: true },
    y: { label: 'DSM loss', grid: true, zero: true },
    marks: [Plot.lineY(rows, { x: 'iteration', y: 'loss', stroke: '#1f77b4', strokeWidth: 1.5 })],
  };
}

function pairs(points: ArrayLike<number>): { x: number; y: number }[] {
  return Array.from({ length: Math.floor(points.length / 2) }, (_, i) => ({ x: points[2 * i], y: points[2 * i + 1] }));
}

/** A square 2-D frame over [-extent, extent]^2 with equal scales, so arrows point where the score points. */
function squareFrame(extent: number): Pick<PlotOptions, 'width' | 'aspectRatio' | 'marginLeft' | 'x' | 'y'> {
  return {
    width: 480,
    aspectRatio: 1,
    marginLeft: 36,
    x: { label: 'x₁', domain: [-extent, extent] },
    y: { label: 'x₂', domain: [-extent, extent] },
  };
}

/** Data as grey dots and the learned score s_theta(x, sigma) as arrows, length relative to the longest. */
export function learnedFieldPlot(data: ArrayLike<number>, arrows: readonly Arrow[], extent: number): PlotOptions {
  return {
    ...squareFrame(extent),
    length: arrowLengthScale(arrows, 0.9),
    marks: [
      Plot.dot(pairs(data), { x: 'x', y: 'y', r: 1.2, fill: 'currentColor', fillOpacity: 0.35 }),
      scoreVectors(arrows, 1.3),
    ],
  };
}

/** Particles (orange) over faint data dots; a count of the particles inside the frame. */
export function particleCloudPlot(particles: ArrayLike<number>, data: ArrayLike<number>, extent: number): PlotOptions {
  const points = pairs(particles);
  const inside = points.filter((p) => Math.abs(p.x) <= extent && Math.abs(p.y) <= extent).length;
  return {
    ...squareFrame(extent),
    marks: [
      Plot.dot(pairs(data), { x: 'x', y: 'y', r: 1, fill: 'currentColor', fillOpacity: 0.2 }),
      Plot.dot(points.filter((p) => Math.abs(p.x) <= extent && Math.abs(p.y) <= extent), { x: 'x', y: 'y', r: 1.4, fill: '#ff7f0e', fillOpacity: 0.75 }),
      Plot.text([`${inside.toLocaleString('en-US')} of ${points.length.toLocaleString('en-US')} drawn in view`], { frameAnchor: 'top-right', fill: 'currentColor', dy: 4 }),
    ],
  };
}
