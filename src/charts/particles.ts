/**
 * Observable Plot options for particles against a target density: a normalised histogram of the
 * particles (from their summary, which the GPU can reduce without reading the particles back) and
 * the density as a line.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';
import type { ParticleSummary } from '../math/particle-summary';

/** Histogram (density-normalised by all n particles) over the summary's range, with the target density. */
export function particleHistogramPlot(
  summary: ParticleSummary,
  density: readonly { x: number; density: number }[],
): PlotOptions {
  const { lower, upper, bins } = summary.layout;
  const width = (upper - lower) / bins;
  let inside = 0;
  const rows = Array.from(summary.counts, (count, k) => {
    inside += count;
    return { x1: lower + k * width, x2: lower + (k + 1) * width, density: summary.n > 0 ? count / (summary.n * width) : 0 };
  });
  return {
    height: 240,
    marginLeft: 44,
    x: { label: 'x', domain: [lower, upper], grid: true },
    y: { label: 'density', grid: true },
    marks: [
      Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'density', fill: '#ff725c', fillOpacity: 0.6 }),
      Plot.lineY(density, { x: 'x', y: 'density', stroke: 'currentColor', strokeWidth: 1.5 }),
      Plot.ruleY([0]),
      Plot.text([`${inside.toLocaleString('en-US')} of ${summary.n.toLocaleString('en-US')} particles in view`], { frameAnchor: 'top-right', fill: 'currentColor', dy: 4 }),
    ],
  };
}
