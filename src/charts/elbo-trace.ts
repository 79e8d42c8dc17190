/**
 * Observable Plot options for the ELBO ascent: the gap ln p(X) - ELBO per iteration, for the noisy
 * Monte-Carlo estimate and for the exact ELBO of the current q (the exact gap is KL(q || p(z|X)) >= 0),
 * on a symlog scale so that both the climb and the jitter near 0 stay visible.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface ElboRow {
  readonly iteration: number;
  readonly estimate: number;
  readonly exact: number;
}

const CURVES = ['estimate (this step’s draws)', 'exact: KL(q‖p(z|X))'];

/** Both gaps ln p(X) - ELBO over iterations, with 0 (q = posterior) as a dashed rule. */
export function elboTracePlot(rows: readonly ElboRow[], logEvidence: number): PlotOptions {
  const long = rows.flatMap((r) => [
    { iteration: r.iteration, value: logEvidence - r.estimate, curve: CURVES[0] },
    { iteration: r.iteration, value: logEvidence - r.exact, curve: CURVES[1] },
  ]);
  return {
    height: 240,
    marginLeft: 56,
    x: { label: 'iteration', grid: true },
    y: { label: 'ln p(X) − ELBO (nats)', grid: true, type: 'symlog', constant: 0.01, ticks: [-1, -0.1, 0, 0.1, 1, 10, 100], tickFormat: (v: number) => String(v).replace('-', '−') },
    color: { legend: true, domain: CURVES, range: ['#ff725c', '#4269d0'] },
    marks: [
      Plot.ruleY([0], { strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.7 }),
      Plot.lineY(long, { x: 'iteration', y: 'value', stroke: 'curve', strokeWidth: 1.5 }),
    ],
  };
}

interface Normal {
  readonly mean: number;
  readonly stdDev: number;
}

const DENSITY_CURVES = ['q(z)', 'exact posterior p(z|X)'];

/** The densities of q = N(m, s^2) and of the exact posterior, on a range covering both (4 sd each side). */
export function qPosteriorPlot(q: Normal, posterior: Normal, start: Normal): PlotOptions {
  const lower = Math.min(start.mean - 4 * start.stdDev, posterior.mean - 4 * posterior.stdDev);
  const upper = Math.max(start.mean + 4 * start.stdDev, posterior.mean + 4 * posterior.stdDev);
  const density = ({ mean, stdDev }: Normal, z: number) => Math.exp(-0.5 * ((z - mean) / stdDev) ** 2) / (stdDev * Math.sqrt(2 * Math.PI));
  const rows = Array.from({ length: 241 }, (_, i) => lower + ((upper - lower) * i) / 240).flatMap((z) => [
    { z, density: density(q, z), curve: DENSITY_CURVES[0] },
    { z, density: density(posterior, z), curve: DENSITY_CURVES[1] },
  ]);
  return {
    height: 200,
    marginLeft: 44,
    x: { label: 'z', domain: [lower, upper], grid: true },
    y: { label: 'density', grid: true },
    color: { legend: true, domain: DENSITY_CURVES, range: ['#ff725c', 'currentColor'] },
    marks: [
      Plot.areaY(rows.filter((r) => r.curve === DENSITY_CURVES[0]), { x: 'z', y: 'density', fill: '#ff725c', fillOpacity: 0.2, clip: true }),
      Plot.lineY(rows.filter((r) => r.curve === DENSITY_CURVES[1]), { x: 'z', y: 'density', stroke: 'curve', strokeWidth: 2, strokeDasharray: '5 3', clip: true }),
      Plot.lineY(rows.filter((r) => r.curve === DENSITY_CURVES[0]), { x: 'z', y: 'density', stroke: 'curve', strokeWidth: 2, clip: true }),
      Plot.ruleY([0]),
    ],
  };
}
