import { describe, expect, it } from 'vitest';
import { cellCentres, densityCurve, densityHistogram, gridPoints, relativeDensity, vectorField } from './grid';
import { gaussianLogPdf } from './gaussian';

describe('grids', () => {
  it('gridPoints includes both ends and spaces evenly', () => {
    expect(gridPoints(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(() => gridPoints(0, 1, 1)).toThrow(RangeError);
  });

  it('densityCurve evaluates exp(ln p) on the grid', () => {
    const curve = densityCurve((x) => gaussianLogPdf(x, 0, 1), -2, 2, 3);
    expect(curve.map((r) => r.x)).toEqual([-2, 0, 2]);
    expect(curve[1].density).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 12);
  });

  it('densityHistogram integrates to 1, puts outliers in the end bins and gives 0 (not NaN) for no data', () => {
    const bins = densityHistogram([0.1, 0.2, 0.6, 5, -5], 0, 1, 2);
    expect(bins.map((b) => b.density)).toEqual([1.2, 0.8]);
    expect(bins.reduce((sum, b) => sum + b.density * (b.x2 - b.x1), 0)).toBeCloseTo(1, 12);
    expect(densityHistogram([], 0, 1, 4).every((b) => b.density === 0)).toBe(true);
  });
});

describe('heat-map grids and vector fields', () => {
  it('cellCentres are the midpoints of equal cells', () => {
    expect(cellCentres(0, 1, 4)).toEqual([0.125, 0.375, 0.625, 0.875]);
  });

  it('vectorField pairs points with vectors and finds the shortest and longest arrow', () => {
    const field = vectorField([0, 0, 1, 2], [3, 4, 0, -1]);
    expect(field.arrows).toEqual([{ x: 0, y: 0, s1: 3, s2: 4 }, { x: 1, y: 2, s1: 0, s2: -1 }]);
    expect([field.longest, field.shortest]).toEqual([5, 1]);
    expect(() => vectorField([0, 0], [1])).toThrow(RangeError);
  });

  it('relativeDensity is 1 at the peak whatever the normaliser, and 0 (not NaN) where ln q is -Infinity', () => {
    const { density, peak } = relativeDensity([Math.log(2) + 100, 100, -Infinity]);
    expect(peak).toBeCloseTo(Math.log(2) + 100, 12);
    expect(density[0]).toBe(1);
    expect(density[1]).toBeCloseTo(0.5, 12);
    expect(density[2]).toBe(0);
  });
});
