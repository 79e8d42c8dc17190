/**
 * One snapshot per chart builder in src/charts, on small seeded inputs (see test-support.ts).
 * A builder added later gets its own `<file>.test.ts` beside it (the scaffold writes one) or a case
 * here; the last test fails while a builder file has neither.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlotOptions } from '@observablehq/plot';
import { createRng, standardNormals } from '../math/random';
import { concreteFitPlot, concreteTracePlot } from './concrete-fit';
import { convergencePlot } from './convergence';
import { discreteBarsPlot } from './discrete-bars';
import { dsmLossPlot, learnedFieldPlot, particleCloudPlot } from './dsm';
import { elboTracePlot, qPosteriorPlot } from './elbo-trace';
import { emTracePlot, mixtureFitPlot } from './em-plot';
import { energyFitPlot } from './energy-fit';
import { energyHeatmapPlot } from './energy-heatmap';
import { evidenceBarPlot } from './evidence-bar';
import { densityPlot, fitCurvesPlot } from './fit-curves';
import { edgeMatrixPlot, rocPlot } from './ggm';
import { caviTracePlot, hmmMarginalsPlot } from './hmm-plot';
import { ismLossPlot } from './ism-loss';
import { latentMixturePlot } from './latent-mixture';
import { ellipse, meanFieldPlot } from './mean-field-plot';
import { normalGammaPlot } from './normal-gamma-plot';
import { particleHistogramPlot } from './particles';
import { scoreFieldPlot } from './score-field';
import type { Arrow } from './score-field';
import { scoreLinePlot, unnormalisedDensityPlot } from './score-line';
import { costPlot } from './ssm-cost';
import { projectionsPlot } from './ssm-projections';
import { latentPlot, reconstructionPlot, samplesPlot, vaeElboPlot } from './vae';
import { diffusionWeightsPlot, noisedScatterPlot, particleHistogramPlot as diffusionHistogramPlot, samplerQualityPlot } from './diffusion';
import { estimatorSpreadPlot, iwaeBoundPlot } from './vi-estimators';
import { expectChartSnapshot } from './test-support';

// --- seeded inputs, small so the goldens stay readable (fixtures only: no chart maths here) ---

const gridPoints = (lower: number, upper: number, count: number) => Array.from({ length: count }, (_, i) => lower + ((upper - lower) * i) / (count - 1));
/** Density-normalised histogram of `data` in `bins` equal bins over [lower, upper] (edge values clamped in). */
function densityHistogram(data: readonly number[], lower: number, upper: number, bins: number) {
  const width = (upper - lower) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of data) counts[Math.min(bins - 1, Math.max(0, Math.floor((value - lower) / width)))]! += 1;
  return counts.map((count, k) => ({ x1: lower + k * width, x2: lower + (k + 1) * width, density: count / (data.length * width) }));
}

const normals = (seed: number, n: number) => Array.from(standardNormals(createRng(seed), n));
const normalPdf = (x: number, mean = 0, sd = 1) => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
const xs = gridPoints(-3, 3, 25);
const iterations = Array.from({ length: 12 }, (_, i) => i * 10);
/** Interleaved 2-D points (x0, y0, x1, y1, …). */
const cloud = (seed: number, n: number, scale = 1) => Float32Array.from(normals(seed, 2 * n), (v) => v * scale);
const arrows: Arrow[] = gridPoints(-2, 2, 5).flatMap((x) => gridPoints(-2, 2, 5).map((y) => ({ x, y, s1: -x, s2: -y })));
/** count x count values in [0, 1], row-major from the bottom-left. */
const heat = (count: number, extent: number) =>
  Array.from({ length: count * count }, (_, k) => {
    const x = -extent + ((k % count) + 0.5) * (2 * extent / count);
    const y = -extent + (Math.floor(k / count) + 0.5) * (2 * extent / count);
    return Math.exp(-0.5 * (x * x + y * y));
  });
const sample = normals(3, 60);
const histogram = densityHistogram(sample, -3, 3, 12);
const curve = xs.map((x) => ({ x, density: normalPdf(x) }));

const CASES: Readonly<Record<string, () => PlotOptions>> = {
  'concrete-fit': () => concreteFitPlot([0.1, 0.2, 0.4, 0.2, 0.1], [0.12, 0.18, 0.38, 0.24, 0.08], [0.11, 0.21, 0.37, 0.21, 0.1]),
  'concrete-fit-no-q': () => concreteFitPlot([0.1, 0.2, 0.4, 0.2, 0.1], [0.12, 0.18, 0.38, 0.24, 0.08], undefined),
  'concrete-trace': () => concreteTracePlot(iterations.map((iteration) => ({ iteration, objective: 1 + Math.exp(-iteration / 20) })), 1),
  'convergence': () => convergencePlot([10, 30, 100, 300, 1000].map((n, i) => ({ n, estimate: 0.5 + normals(4, 5)[i]! / Math.sqrt(n), stdErr: 1 / Math.sqrt(n) })), 0.5, 1),
  'discrete-bars': () => discreteBarsPlot([0.5, 0.3, 0.2], [0.2, 0.3, 0.5], ['a', 'b', 'c']),
  'dsm-loss': () => dsmLossPlot(iterations.map((iteration) => ({ iteration, loss: 2 * Math.exp(-iteration / 40) + 0.5 }))),
  'dsm-learned-field': () => learnedFieldPlot(cloud(5, 40), arrows, 3),
  'dsm-particle-cloud': () => particleCloudPlot(cloud(6, 40, 1.2), cloud(7, 40), 3),
  'elbo-trace': () => elboTracePlot(iterations.map((iteration) => ({ iteration, estimate: -12 + 5 * Math.exp(-iteration / 30), exact: -12 + 5 * Math.exp(-iteration / 30) + 0.05 })), -11.5),
  'elbo-q-posterior': () => qPosteriorPlot({ mean: 0.4, stdDev: 0.6 }, { mean: 0.5, stdDev: 0.5 }, { mean: 0, stdDev: 1 }),
  'em-plot-trace': () => emTracePlot(iterations.flatMap((step) => [
    { step, value: -120 + 20 * (1 - Math.exp(-step / 25)), curve: 'log-likelihood ℓ(θ)' as const },
    { step, value: -121 + 20 * (1 - Math.exp(-step / 25)), curve: 'ELBO F(q, θ)' as const },
  ])),
  'em-plot-mixture-fit': () => mixtureFitPlot(histogram, curve),
  'energy-fit': () => energyFitPlot(histogram, ['target', 'ISM fit'].flatMap((name, i) => xs.map((x) => ({ x, density: normalPdf(x, 0, 1 + 0.2 * i), curve: name }))), ['target', 'ISM fit'], ['#4269d0', '#ff725c']),
  'energy-heatmap': () => energyHeatmapPlot({ energies: heat(8, 3).map((d) => -Math.log(d)), lower: -3, upper: 3, cells: 8 }, cloud(8, 30)),
  'evidence-bar': () => evidenceBarPlot({ logEvidence: -10, elbo: -11.2, kl: 1.2, elboMonteCarlo: { value: -11.25, stdErr: 0.08 } }),
  'evidence-bar-exact': () => evidenceBarPlot({ logEvidence: -10, elbo: -11.2, kl: 1.2 }),
  'fit-curves': () => fitCurvesPlot(iterations.map((iteration) => ({ iteration, kl: 0.1 + Math.exp(-iteration / 30), nllMinusEntropy: 0.12 + Math.exp(-iteration / 30) })), 0.1),
  'fit-density': () => densityPlot(['p', 'q'].flatMap((name, i) => xs.map((x) => ({ x, density: normalPdf(x, 0.3 * i), curve: name }))), ['p', 'q'], ['#4269d0', '#ff725c']),
  'ggm-edge-matrix': () => edgeMatrixPlot([
    { i: 0, j: 1, outcome: 'true edge found' }, { i: 0, j: 2, outcome: 'false edge' }, { i: 1, j: 3, outcome: 'edge missed' }, { i: 2, j: 3, outcome: 'true edge found' },
  ], 4),
  'ggm-roc': () => rocPlot(['graphical lasso', 'thresholded'].flatMap((method, m) => [0, 0.1, 0.3, 0.6, 1].map((fpr) => ({ method, falsePositiveRate: fpr, truePositiveRate: Math.min(1, Math.sqrt(fpr) + 0.1 * m) }))), { method: 'graphical lasso', falsePositiveRate: 0.1, truePositiveRate: 0.32 }),
  'hmm-plot-marginals': () => hmmMarginalsPlot(Array.from({ length: 8 }, (_, t) => ['A', 'B'].map((state, k) => {
    const exact = k === 0 ? 0.5 + 0.4 * Math.sin(t) : 0.5 - 0.4 * Math.sin(t);
    return { t: t + 1, state, exact, meanField: Math.min(1, Math.max(0, exact + 0.05 * (k ? -1 : 1))), truth: (t % 3 === 0) === (k === 0) };
  })).flat(), ['A', 'B']),
  'hmm-plot-cavi-trace': () => caviTracePlot([-30, -24, -22.5, -22.1, -22.05], -21.7),
  'ism-loss': () => ismLossPlot({ excess: heat(8, 2).map((d) => 3 * (1 - d)), muRange: [-2, 2], vRange: [0.2, 3], width: 8, height: 8 }, { mu: 0, v: 1 }, [{ mu: -1.5, v: 2.5 }, { mu: -0.7, v: 1.6 }, { mu: -0.1, v: 1.05 }]),
  'latent-mixture': () => latentMixturePlot(sample.slice(0, 20).map((x, i) => ({ x, y: -0.02 - 0.01 * (i % 3), component: `z = ${(i % 2) + 1}` })), ['mixture', 'z = 1', 'z = 2'].flatMap((name, c) => xs.map((x) => ({ x, density: c === 0 ? 0.5 * normalPdf(x, -1) + 0.5 * normalPdf(x, 1) : 0.5 * normalPdf(x, c === 1 ? -1 : 1), curve: name }))), ['z = 1', 'z = 2'], true),
  'latent-mixture-plain': () => latentMixturePlot(sample.slice(0, 20).map((x) => ({ x, y: -0.02, component: 'z = 1' })), xs.map((x) => ({ x, density: normalPdf(x), curve: 'mixture' })), ['z = 1'], false),
  'mean-field-plot': () => meanFieldPlot([...ellipse([0, 0], [1, 0.8, 1], 1, 'exact p(z)', 24), ...ellipse([0, 0], [0.36, 0, 0.36], 1, 'mean field q(z)', 24)], [{ x: 1.5, y: -1 }, { x: 0.6, y: -0.2 }, { x: 0.1, y: 0 }], ['exact p(z)', 'mean field q(z)'], 2.5),
  'normal-gamma-plot': () => normalGammaPlot({
    exact: (mu, tau) => Math.exp(-2 * (mu - 0.5) ** 2 * tau - (tau - 1) ** 2),
    meanField: (mu, tau) => Math.exp(-2 * (mu - 0.5) ** 2 - (tau - 1) ** 2),
    muDomain: [-1, 2], tauDomain: [0.05, 3], thresholds: [0.2, 0.5, 0.8],
  }),
  'particles': () => particleHistogramPlot({
    layout: { lower: -4, upper: 4, bins: 8, threshold: 0, centre: 0 }, n: 100,
    counts: Float64Array.from([2, 6, 14, 28, 26, 15, 6, 2]), underflow: 0, overflow: 1, below: 50, mean: 0.02, variance: 1.1, nonFinite: 0,
  }, gridPoints(-4, 4, 17).map((x) => ({ x, density: normalPdf(x) }))),
  'score-field': () => scoreFieldPlot(heat(8, 3), 8, 3, arrows),
  'score-line-density': () => unnormalisedDensityPlot(xs.map((x) => ({ x, density: Math.exp(-0.5 * x * x), score: -x }))),
  'score-line': () => scoreLinePlot(xs.map((x) => ({ x, density: Math.exp(-0.5 * x * x), score: -x })), 4),
  'ssm-cost': () => costPlot([1, 2, 4, 8].flatMap((dims) => [
    { method: 'exact ISM', dims, msPerStep: 0.5 * dims * dims },
    { method: 'SSM, 1 projection', dims, msPerStep: 0.6 * dims },
  ]), ['exact ISM', 'SSM, 1 projection'], [1, 2, 4, 8]),
  'ssm-projections': () => projectionsPlot([1, 4, 16, 64].flatMap((projections) => ['Rademacher', 'Gaussian'].map((kind, k) => ({ kind, projections, value: -1 + (k ? 0.02 : -0.02), stdErr: (0.4 + 0.2 * k) / Math.sqrt(projections) }))), -1, -0.99, 16),
  'vae-latent': () => latentPlot(cloud(9, 30), 2, normals(10, 30), 'angle', 'sinebow'),
  'vae-latent-1d': () => latentPlot(Float32Array.from(normals(11, 30)), 1, normals(12, 30).map(Math.abs), 'radius', 'turbo'),
  'vae-reconstruction': () => reconstructionPlot(cloud(13, 30), cloud(14, 30, 0.9), normals(15, 30), 'angle', 'sinebow', [-3, 3]),
  'vae-samples': () => samplesPlot(cloud(16, 30), cloud(17, 30, 1.1), Float32Array.from(gridPoints(0, 2 * Math.PI, 13).flatMap((t) => [2 * Math.cos(t), 2 * Math.sin(t)])), [-3, 3]),
  'vae-elbo': () => vaeElboPlot(iterations.map((epoch) => ({ epoch, reconstruction: -3 + 2 * (1 - Math.exp(-epoch / 30)), kl: 0.5 + 0.3 * (1 - Math.exp(-epoch / 30)), elbo: -3.5 + 1.7 * (1 - Math.exp(-epoch / 30)) })), -1.6),
  'diffusion-weights': () => diffusionWeightsPlot(gridPoints(1, 20, 20).map((t) => ({ t, elbo: 1 / (1 + t), simple: 0.05 })), 5),
  'diffusion-histogram': () => diffusionHistogramPlot(sample, [{ label: 'exact q_t', points: xs.map((x) => ({ x, density: normalPdf(x) })) }, { label: 'N(0, 1)', points: xs.map((x) => ({ x, density: normalPdf(x, 0, 1.2) })) }], [-3, 3]),
  'diffusion-scatter': () => noisedScatterPlot(cloud(5, 40), 3),
  'diffusion-quality': () => samplerQualityPlot(['ancestral', 'SDE', 'ODE'].flatMap((sampler, j) => [1, 5, 20, 200].map((steps) => ({ sampler, steps, energy: (1 + j) / steps }))), 0.002),
  'vi-estimators-spread': () => estimatorSpreadPlot([1, 10, 100, 1000].map((draws) => ({ draws, scoreFunction: 90 / Math.sqrt(draws) * 1.03, reparam: 8 / Math.sqrt(draws) * 0.98, scoreFunctionExact: 90 / Math.sqrt(draws), reparamExact: 8 / Math.sqrt(draws) }))),
  'vi-estimators-iwae': () => iwaeBoundPlot([1, 10, 100, 1000].map((k, i) => ({ k, mean: -29 + 0.18 * i, stdErr: 0.05 / (1 + i) })), -28.44, -29),
};

describe('chart snapshots (accept changes: npm run test:charts -- -u)', () => {
  for (const [name, build] of Object.entries(CASES)) {
    it(name, async () => {
      await expectChartSnapshot(name, build());
    });
  }

  it('every builder file in src/charts has a snapshot case here or a test of its own', () => {
    const dir = new URL('./', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-support.ts');
    const uncovered = files
      .map((f) => f.replace(/\.ts$/, ''))
      .filter((base) => !Object.keys(CASES).some((name) => name === base || name.startsWith(`${base}-`)))
      .filter((base) => !readdirSync(dir).includes(`${base}.test.ts`));
    expect(uncovered).toEqual([]);
  });
});
