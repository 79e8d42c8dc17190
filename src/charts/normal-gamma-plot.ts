/**
 * Observable Plot options for the unknown-mean-and-precision island: contours of the exact
 * Normal-Gamma posterior p(mu, tau | X) and of the mean-field q(mu) q(tau) over the (mu, tau) plane.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface DensityContours {
  /** Densities (not logs) of the exact posterior and of q at (mu, tau). */
  readonly exact: (mu: number, tau: number) => number;
  readonly meanField: (mu: number, tau: number) => number;
  readonly muDomain: readonly [number, number];
  readonly tauDomain: readonly [number, number];
  /** Contour levels, shared by both densities so their sizes compare. */
  readonly thresholds: readonly number[];
}

export const EXACT_COLOR = '#4269d0';
export const MEAN_FIELD_COLOR = '#d6420f';

/** Solid contours for the exact posterior, dashed for the mean-field approximation. */
export function normalGammaPlot({ exact, meanField, muDomain, tauDomain, thresholds }: DensityContours): PlotOptions {
  const box = { x1: muDomain[0], x2: muDomain[1], y1: tauDomain[0], y2: tauDomain[1], thresholds: [...thresholds], fill: 'none' };
  return {
    height: 320,
    marginLeft: 48,
    x: { label: 'mean μ', domain: [...muDomain], grid: true },
    y: { label: 'precision τ', domain: [...tauDomain], grid: true },
    marks: [
      Plot.contour({ ...box, value: exact, stroke: EXACT_COLOR, strokeWidth: 2 }),
      Plot.contour({ ...box, value: meanField, stroke: MEAN_FIELD_COLOR, strokeWidth: 2, strokeDasharray: '5,3' }),
    ],
  };
}
