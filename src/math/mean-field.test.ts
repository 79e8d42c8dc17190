import { describe, expect, it } from 'vitest';
import { correlatedTarget, covarianceOf, meanFieldKl, optimalMeanFieldKl, runCavi } from './mean-field';
import type { BivariateTarget } from './mean-field';

const general: BivariateTarget = { mean: [0.5, -1], precision: [2, 0.9, 1.5] };

describe('mean-field VI for a bivariate Gaussian', () => {
  it('CAVI converges to the fixed point m = mu with variances 1 / Lambda_jj', () => {
    const path = runCavi(general, [3, 3], 60);
    const last = path[path.length - 1]!;
    expect(last.means[0]).toBeCloseTo(0.5, 10);
    expect(last.means[1]).toBeCloseTo(-1, 10);
    expect(last.variances).toEqual([1 / 2, 1 / 1.5]);
  });

  it('each CAVI sweep never increases KL(q || p)', () => {
    const path = runCavi(general, [3, -4], 30);
    for (let t = 1; t < path.length; t++) expect(meanFieldKl(general, path[t]!)).toBeLessThanOrEqual(meanFieldKl(general, path[t - 1]!) + 1e-12);
  });

  it('KL at the fixed point is -(1/2) ln(1 - Lambda12^2 / (Lambda11 Lambda22)), and -(1/2) ln(1 - rho^2) for unit variances', () => {
    const path = runCavi(general, [0, 0], 80);
    expect(meanFieldKl(general, path[path.length - 1]!)).toBeCloseTo(optimalMeanFieldKl(general), 10);
    expect(optimalMeanFieldKl(general)).toBeCloseTo(-0.5 * Math.log(1 - 0.81 / 3), 12);
    for (const rho of [0, 0.3, -0.6, 0.95]) {
      const target = correlatedTarget(rho);
      expect(optimalMeanFieldKl(target)).toBeCloseTo(-0.5 * Math.log(1 - rho * rho), 12);
      expect(meanFieldKl(target, { means: [0, 0], variances: [1 - rho * rho, 1 - rho * rho] })).toBeCloseTo(-0.5 * Math.log(1 - rho * rho), 12);
    }
  });

  it('the fixed point is the best factorised q: perturbing a variance or a mean raises KL', () => {
    const best = { means: [0.5, -1] as [number, number], variances: [0.5, 1 / 1.5] as [number, number] };
    const kl = meanFieldKl(general, best);
    expect(meanFieldKl(general, { ...best, variances: [0.55, 1 / 1.5] })).toBeGreaterThan(kl);
    expect(meanFieldKl(general, { ...best, variances: [0.45, 1 / 1.5] })).toBeGreaterThan(kl);
    expect(meanFieldKl(general, { ...best, means: [0.6, -1] })).toBeGreaterThan(kl);
  });

  it('mean field underestimates the marginal variances: 1 / Lambda_jj <= Sigma_jj', () => {
    const [s11, , s22] = covarianceOf(general);
    expect(1 / 2).toBeLessThan(s11);
    expect(1 / 1.5).toBeLessThan(s22);
    const [u11, u12, u22] = covarianceOf(correlatedTarget(0.8));
    expect([u11, u12, u22].map((v) => Number(v.toFixed(12)))).toEqual([1, 0.8, 1]);
  });

  it('rejects |rho| >= 1', () => {
    expect(() => correlatedTarget(1)).toThrow(RangeError);
  });
});
