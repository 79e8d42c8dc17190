import { describe, expect, it } from 'vitest';
import { reparamGradientMoments } from './reparam-gradient';
import { conjugatePosterior, exactElbo, summarize } from './conjugate-gaussian';
import { createRng, standardNormals } from './random';

const data = summarize([0.3, 1.1, -0.4, 0.9, 1.6, 0.2]);
const prior = { noiseSd: 1, priorMean: 0, priorSd: 1 };

describe('reparamGradientMoments', () => {
  it('its mean is the derivative of the exact ELBO in (m, ln s) (central differences)', () => {
    const q = { mean: -1.2, stdDev: 0.7 };
    const { mean } = reparamGradientMoments(q, data, prior, 1);
    const h = 1e-5;
    const dm = (exactElbo({ ...q, mean: q.mean + h }, data, prior) - exactElbo({ ...q, mean: q.mean - h }, data, prior)) / (2 * h);
    const dRho = (exactElbo({ ...q, stdDev: q.stdDev * Math.exp(h) }, data, prior) - exactElbo({ ...q, stdDev: q.stdDev * Math.exp(-h) }, data, prior)) / (2 * h);
    expect(mean[0]).toBeCloseTo(dm, 6);
    expect(mean[1]).toBeCloseTo(dRho, 6);
  });

  it('its sd matches the spread of 20 000 simulated 4-draw estimates', () => {
    const q = { mean: -1.2, stdDev: 0.7 };
    const post = conjugatePosterior(data, prior);
    const precision = 1 / post.stdDev ** 2;
    const eps = standardNormals(createRng(2), 80_000);
    const gm: number[] = [];
    const gr: number[] = [];
    for (let r = 0; r < 20_000; r += 1) {
      let sm = 0;
      let sr = 0;
      for (let j = 0; j < 4; j += 1) {
        const e = eps[4 * r + j];
        const slope = -precision * (q.mean + q.stdDev * e - post.mean);
        sm += slope / 4;
        sr += (slope * q.stdDev * e + 1) / 4;
      }
      gm.push(sm);
      gr.push(sr);
    }
    const sd = (v: number[]) => {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    };
    const { stdDev } = reparamGradientMoments(q, data, prior, 4);
    expect(sd(gm) / stdDev[0]).toBeCloseTo(1, 1);
    expect(sd(gr) / stdDev[1]).toBeCloseTo(1, 1);
  });

  it('more draws shrink the sd as 1/sqrt(M); at the posterior the mean is 0 but the sd is sqrt(P/M)', () => {
    const q = { mean: 0.5, stdDev: 0.4 };
    const one = reparamGradientMoments(q, data, prior, 1).stdDev;
    const sixteen = reparamGradientMoments(q, data, prior, 16).stdDev;
    expect(sixteen[0]).toBeCloseTo(one[0] / 4, 12);
    expect(sixteen[1]).toBeCloseTo(one[1] / 4, 12);
    const post = conjugatePosterior(data, prior);
    const atPost = reparamGradientMoments(post, data, prior, 4);
    expect(atPost.mean[0]).toBeCloseTo(0, 12);
    expect(atPost.mean[1]).toBeCloseTo(0, 12);
    expect(atPost.stdDev[0]).toBeCloseTo(Math.sqrt(1 / post.stdDev ** 2 / 4), 12);
  });

  it('is NaN for fewer than one draw or a non-positive sd', () => {
    expect(reparamGradientMoments({ mean: 0, stdDev: 1 }, data, prior, 0).stdDev[0]).toBeNaN();
    expect(reparamGradientMoments({ mean: 0, stdDev: 0 }, data, prior, 2).mean[1]).toBeNaN();
  });
});
