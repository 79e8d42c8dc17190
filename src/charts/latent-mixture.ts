/**
 * Observable Plot options for the latent-variable picture: data points as a jittered rug, coloured
 * by their latent component z when it is shown, under the component densities pi_k N(x; mu_k, sigma_k^2),
 * or all alike under the mixture density p(x) = sum_k pi_k N(x; mu_k, sigma_k^2) when it is hidden.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface RugPoint {
  readonly x: number;
  /** Vertical position below the axis, in density units (negative). */
  readonly y: number;
  readonly component: string;
}

export interface DensityPoint {
  readonly x: number;
  readonly density: number;
  readonly curve: string;
}

export const COMPONENT_COLORS = ['#4269d0', '#ff725c', '#3ca951'];

/** Points and density curves; with `showLatent` colour encodes z, otherwise one neutral colour for everything. */
export function latentMixturePlot(points: readonly RugPoint[], curves: readonly DensityPoint[], components: readonly string[], showLatent: boolean): PlotOptions {
  const top = Math.max(...curves.map((c) => c.density));
  const bottom = Math.min(...points.map((p) => p.y));
  return {
    height: 220,
    marginLeft: 44,
    x: { label: 'x', grid: true },
    y: { label: 'density', domain: [bottom * 1.05, top * 1.1], ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25].filter((t) => t <= top * 1.1), grid: true },
    color: showLatent ? { legend: true, domain: [...components], range: COMPONENT_COLORS.slice(0, components.length) } : undefined,
    marks: [
      Plot.ruleY([0], { strokeOpacity: 0.5 }),
      showLatent
        ? Plot.line(curves, { x: 'x', y: 'density', stroke: 'curve', z: 'curve', strokeWidth: 2 })
        : Plot.line(curves, { x: 'x', y: 'density', stroke: 'currentColor', strokeWidth: 2 }),
      showLatent
        ? Plot.dot(points, { x: 'x', y: 'y', fill: 'component', r: 3, fillOpacity: 0.85 })
        : Plot.dot(points, { x: 'x', y: 'y', fill: 'currentColor', r: 3, fillOpacity: 0.55 }),
    ],
  };
}
