/**
 * Observable Plot options for particles against a target density: a normalised histogram of the
 * particles and the density as a line.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

/** Histogram (density-normalised) of `particles` over [lower, upper] with the target density. */
export function particleHistogramPlot(
  particles: ArrayLike<number>,
  density: readonly { x: number; density: number }[],
  lower: number,
  upper: number,
): PlotOptions {
  const bins = 80;
  const width = (upper - lower) / bins;
  const counts = new Float64Array(bins);
  let inside = 0;
  for (let i = 0; i < particles.length; i += 1) {
    const k = Math.floor((particles[i] - lower) / width);
    if (k >= 0 && k < bins) {
      counts[k] += 1;
      inside += 1;
    }
  }
  const rows = Array.from(counts, (count, k) => ({ x1: lower + k * width, x2: lower + (k + 1) * width, density: count / (particles.length * width) }));
  return {
    height: 240,
    marginLeft: 44,
    x: { label: 'x', domain: [lower, upper], grid: true },
    y: { label: 'density', grid: true },
    marks: [
      Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'density', fill: '#ff725c', fillOpacity: 0.6 }),
      Plot.lineY(density, { x: 'x', y: 'density', stroke: 'currentColor', strokeWidth: 1.5 }),
      Plot.ruleY([0]),
      Plot.text([`${inside.toLocaleString('en-US')} of ${particles.length.toLocaleString('en-US')} particles in view`], { frameAnchor: 'top-right', fill: 'currentColor', dy: 4 }),
    ],
  };
}
