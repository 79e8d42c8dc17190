import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { collectConsoleErrors, gotoAndSettle } from './helpers';
import { philoxNormals } from '../src/math/philox';
import { kolmogorovSmirnov, meanAndStdErr, standardNormalCdf } from '../src/math/stats';

// The Langevin kernels (src/tensor/langevin-kernels.ts) run on WebGPU in Chromium (SwiftShader here),
// driven through window.__kernelProbe on the benchmark page, and are checked against the JavaScript
// references in src/math. Sizes stay small: SwiftShader runs the shaders on the CPU.

async function openProbe(page: Page, backend = 'webgpu') {
  await gotoAndSettle(page, `/bench/?backend=${backend}`);
  await page.waitForFunction(() => window.__kernelProbe !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => window.__kernelProbe!.backend());
}

test.describe('Langevin WGSL kernels', () => {
  test.setTimeout(90_000);

  test('the on-GPU Philox normals are the JavaScript reference and standard normal', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    expect(await openProbe(page)).toEqual({ backend: 'webgpu', path: 'fused', verified: true });
    const n = 20_000;
    const z = await page.evaluate((size) => window.__kernelProbe!.normals(2024, 7, size), n);
    const reference = philoxNormals(2024, 7, n);
    // The Philox words are bit-exact; WGSL only bounds cos's error by 2^-11 (absolute, on [-pi, pi])
    // and SwiftShader's log and cos are approximations, so z agrees to 5e-3 at |z| <= 5.8. A wrong
    // bit in the generator would give differences of order 1.
    let largest = 0;
    let close = 0;
    for (let i = 0; i < n; i += 1) {
      const difference = Math.abs(z[i]! - reference[i]!);
      largest = Math.max(largest, difference);
      if (difference < 1e-4) close += 1;
    }
    console.log(`GPU vs JS Philox normals: max |difference| ${largest.toExponential(2)}, ${close} of ${n} within 1e-4`);
    expect(largest).toBeLessThan(5e-3);
    const { mean, stdErr } = meanAndStdErr(z);
    expect(Math.abs(mean)).toBeLessThan(4 * stdErr);
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.sqrt(n) * kolmogorovSmirnov(z, standardNormalCdf)).toBeLessThan(1.63);
    // Another step is another, uncorrelated stream.
    const next = await page.evaluate((size) => window.__kernelProbe!.normals(2024, 8, size), n);
    const correlation = z.reduce((s, v, i) => s + v * next[i]!, 0) / n;
    expect(Math.abs(correlation)).toBeLessThan(4 / Math.sqrt(n));
    expect(errors.errors).toEqual([]);
  });

  test('a fused step equals the tfjs-op step given the same normals, and the noise-free step exactly', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await openProbe(page);
    const update = await page.evaluate(() => window.__kernelProbe!.updateAgainstOps(3000, 0.05, 9, 41));
    expect(update.quiet).toBeLessThan(1e-6);
    console.log(`fused vs tfjs-op update: ${JSON.stringify(update)}`);
    expect(update.noisy).toBeLessThan(5e-3 * Math.sqrt(0.05));
    expect(update.numTensorsLeaked).toBe(0);
    // The fused mixture kernel: 12 steps in one dispatch = 12 dispatches = tfjs ops with the same normals.
    const mixture = await page.evaluate(() => window.__kernelProbe!.mixtureSteps(2000, 12, 0.8, 0.05));
    expect(mixture.perStep).toBe(0);
    console.log(`fused mixture steps: ${JSON.stringify(mixture)}`);
    expect(mixture.ops).toBeLessThan(12 * 5e-3 * Math.sqrt(0.05));
    expect(mixture.numTensorsLeaked).toBe(0);
    expect(errors.errors).toEqual([]);
  });

  test('Langevin with the exact score of a Gaussian converges to its mean and variance on both paths', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await openProbe(page);
    const [mean, variance, alpha, n] = [1.5, 0.5, 0.04, 4000];
    // x' - m = (1 - alpha / 2v)(x - m) + sqrt(alpha) z: stationary variance v / (1 - alpha / 4v).
    const stationary = variance / (1 - alpha / (4 * variance));
    for (const path of ['fused', 'ops'] as const) {
      const chain = await page.evaluate(([p, size]) => window.__kernelProbe!.gaussianChain(p, size, 150, 0.04, 1.5, 0.5), [path, n] as const);
      expect(chain.n).toBe(n);
      expect(Math.abs(chain.mean - mean), path).toBeLessThan(4 * Math.sqrt(stationary / n));
      expect(Math.abs(chain.variance / stationary - 1), path).toBeLessThan(4 * Math.sqrt(2 / n));
      expect(Math.abs(chain.below / n - 0.5), path).toBeLessThan(4 * Math.sqrt(0.25 / n));
    }
    expect(errors.errors).toEqual([]);
  });

  test('the two-pass reduction equals the JavaScript summary of the read-back particles', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await openProbe(page);
    // 10 000 particles: three workgroups of 4096 in the first pass, a partial last one.
    const layout = { lower: -3, upper: 4, bins: 70, threshold: 0.25, centre: 0.3 };
    const { gpu, js } = await page.evaluate((l) => window.__kernelProbe!.summaryAgainstJs(10_000, l), layout);
    expect(gpu.slice(0, layout.bins + 3)).toEqual(js.slice(0, layout.bins + 3));
    expect(gpu[layout.bins + 3]).toBeCloseTo(js[layout.bins + 3]!, 4);
    expect(gpu[layout.bins + 4]! / js[layout.bins + 4]!).toBeCloseTo(1, 4);
    expect(gpu[layout.bins + 5]).toBe(2);
    expect(errors.errors).toEqual([]);
  });

  test('on the cpu backend the probe falls back to the tfjs-op path', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    expect(await openProbe(page, 'cpu')).toEqual({ backend: 'cpu', path: 'ops', verified: false });
    expect(errors.errors).toEqual([]);
  });
});
