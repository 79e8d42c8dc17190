import { describe, expect, it } from 'vitest';
import {
  cholesky, edgeRates, edgesOf, fitScoreMatchingGraph, graphPrecision, identity, invertSpd, lambdaMax,
  multiply, partialCorrelationRoc, sampleFromPrecision, scoreMatchingLoss, scoreMatchingRocPath, secondMoment,
} from './ggm';

const close = (a: number[][], b: number[][], digits: number) =>
  a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], digits)));

describe('linear algebra helpers', () => {
  it('cholesky and invertSpd reproduce A and the identity', () => {
    const a = graphPrecision('grid', 9);
    const l = cholesky(a);
    close(multiply(l, l.map((_, i) => l.map((row) => row[i]))), a, 12);
    close(multiply(a, invertSpd(a)), identity(9), 12);
  });
  it('every graph kind gives a positive-definite precision with the intended edges', () => {
    expect(edgesOf(graphPrecision('chain', 5))).toEqual(new Set(['0-1', '1-2', '2-3', '3-4']));
    expect(edgesOf(graphPrecision('star', 4))).toEqual(new Set(['0-1', '0-2', '0-3']));
    for (const kind of ['chain', 'star', 'grid', 'random'] as const) expect(() => cholesky(graphPrecision(kind, 10, 3))).not.toThrow();
  });
});

describe('score matching for Gaussian graphical models', () => {
  const truth = graphPrecision('chain', 6);
  const s = secondMoment(sampleFromPrecision(truth, 4000, 7));

  it('the second moment of the sample approaches the true covariance', () => {
    close(s, invertSpd(truth), 1);
  });
  it('without a penalty the minimiser is S^{-1}, with loss -tr(S^{-1})/2', () => {
    const k = fitScoreMatchingGraph(s, 0);
    close(k, invertSpd(s), 6);
    const inverseTrace = invertSpd(s).reduce((sum, row, i) => sum + row[i], 0);
    expect(scoreMatchingLoss(k, s)).toBeCloseTo(-0.5 * inverseTrace, 8);
  });
  it('the loss is quadratic: any other K has a larger loss than S^{-1}', () => {
    const best = scoreMatchingLoss(invertSpd(s), s);
    expect(scoreMatchingLoss(truth, s)).toBeGreaterThan(best);
    expect(scoreMatchingLoss(identity(6), s)).toBeGreaterThan(best);
  });
  it('at lambda >= lambda_max the solution is diag(1 / S_ii)', () => {
    const k = fitScoreMatchingGraph(s, lambdaMax(s) * 1.01);
    expect(edgesOf(k).size).toBe(0);
    k.forEach((row, i) => expect(row[i]).toBeCloseTo(1 / s[i][i], 6));
  });
  it('satisfies the KKT conditions at a moderate lambda and recovers the chain', () => {
    const lambda = 0.1;
    const k = fitScoreMatchingGraph(s, lambda);
    const sk = multiply(s, k);
    k.forEach((row, i) => row.forEach((value, j) => {
      const gradient = 0.5 * (sk[i][j] + sk[j][i]) - (i === j ? 1 : 0);
      if (i === j) expect(gradient).toBeCloseTo(0, 5);
      else if (Math.abs(value) > 1e-8) expect(gradient).toBeCloseTo(-lambda * Math.sign(value), 4);
      else expect(Math.abs(gradient)).toBeLessThanOrEqual(lambda + 1e-6);
    }));
    const rates = edgeRates(edgesOf(truth), edgesOf(k), 6);
    expect(rates.truePositiveRate).toBe(1);
    expect(rates.falsePositives).toBeLessThanOrEqual(2);
  });
});

describe('ROC curves of edge recovery (the GGM island)', () => {
  const truth = graphPrecision('chain', 8, 1);
  const trueEdges = edgesOf(truth);
  const s = secondMoment(sampleFromPrecision(truth, 2000, 1));

  it('the partial-correlation curve runs from no edges (0, 0) to every edge (1, 1) and never goes back', () => {
    const roc = partialCorrelationRoc(s, trueEdges);
    expect(roc[0]).toEqual({ truePositiveRate: 0, falsePositiveRate: 0, truePositives: 0, falsePositives: 0 });
    expect(roc[roc.length - 1]).toMatchObject({ truePositiveRate: 1, falsePositiveRate: 1 });
    for (let i = 1; i < roc.length; i += 1) expect(roc[i].truePositiveRate + roc[i].falsePositiveRate).toBeGreaterThanOrEqual(roc[i - 1].truePositiveRate + roc[i - 1].falsePositiveRate);
  });

  it('the score-matching path starts with no edges at lambda_max and finds every true edge with n = 2000', () => {
    const roc = scoreMatchingRocPath(s, trueEdges, [1, 0.5, 0.2, 0.05]);
    expect(roc[0]).toMatchObject({ truePositiveRate: 0, falsePositiveRate: 0 });
    expect(Math.max(...roc.map((r) => r.truePositiveRate))).toBe(1);
  });
});
