import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTf } from '../tensor/node-cpu';
import { gridPoints, scoreField } from './score-field';
import type { Tf } from '../tensor/tf';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

/** Closed-form score of the mixture: responsibilities times each component's score -C^-1 (x - m_k). */
function exactScore(x: [number, number], d: number, w: number, rho: number): [number, number] {
  const k = 1 / (1 - rho * rho);
  const parts = [[-d / 2, w], [d / 2, 1 - w]].map(([centre, weight]) => {
    const u = [x[0] - centre, x[1]];
    const pu = [k * (u[0] - rho * u[1]), k * (u[1] - rho * u[0])];
    return { density: weight * Math.exp(-0.5 * (u[0] * pu[0] + u[1] * pu[1])), score: [-pu[0], -pu[1]] };
  });
  const total = parts[0].density + parts[1].density;
  return [0, 1].map((i) => parts.reduce((s, p) => s + (p.density / total) * p.score[i], 0)) as [number, number];
}

describe('scoreField', () => {
  it('grid cells run from the bottom-left, x1 fastest', () => {
    const points = gridPoints({ extent: 2, count: 2 });
    expect(Array.from(points)).toEqual([-1, -1, 1, -1, -1, 1, 1, 1]);
  });

  it('autodiff scores equal the closed-form mixture score, and ln q~ is unnormalised (max ln w)', async () => {
    const params = { d: 3, w: 0.3, rho: 0.4 };
    const arrows = { extent: 3, count: 5 };
    const field = await scoreField(tf, params, { extent: 3, count: 4 }, arrows);
    const points = gridPoints(arrows);
    for (let i = 0; i < 25; i += 1) {
      const [s1, s2] = exactScore([points[2 * i], points[2 * i + 1]], params.d, params.w, params.rho);
      expect(field.scores[2 * i]).toBeCloseTo(s1, 3);
      expect(field.scores[2 * i + 1]).toBeCloseTo(s2, 3);
    }
    expect(Math.max(...field.logDensity)).toBeLessThan(Math.log(0.7) + 1e-6);
  });

  it('the score vanishes at the mode of a single bump (d = 0) and points back to it', async () => {
    const field = await scoreField(tf, { d: 0, w: 0.5, rho: 0 }, { extent: 1, count: 2 }, { extent: 3, count: 3 });
    expect(Math.abs(field.scores[8])).toBeLessThan(1e-6); // centre cell (0, 0)
    expect(field.scores[0]).toBeCloseTo(2, 5); // cell (-2, -2): s = -x = (2, 2)
    expect(field.scores[1]).toBeCloseTo(2, 5);
  });
});
