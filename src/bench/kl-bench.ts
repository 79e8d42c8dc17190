/**
 * The KL chapter's heavy computations, timed on the page's backend and against plain typed-array
 * JavaScript: the Monte-Carlo estimate of KL(p||q) with its standard error, and 100 steps of
 * gradient descent on the Gaussian NLL (Langevin sampling has its own suite, langevin-bench.ts).
 * Driven by scripts/bench.mjs through window.__bench (src/bench/index.ts).
 */
import type { BenchContext, BenchRow, BenchSuite } from './harness';

type BenchContextRuntime = BenchContext['runtime'];
import { time } from './harness';
import { standardNormals, createRng } from '../math/random';
import { gaussianLogPdf, meanAndStdErr } from '../tensor/ops';
import { GaussianNllFit } from '../training/gaussian-nll-fit';

const P = { mean: 0, stdDev: 1 };
const Q = { mean: 1, stdDev: 1.5 };
const FIT_STEPS = 100;

/** Plain JavaScript: mean of ln p(x) - ln q(x) over x = mu + s z, one pass. */
function monteCarloJs(z: Float32Array): number {
  const { mean: m1, stdDev: s1 } = P;
  const { mean: m2, stdDev: s2 } = Q;
  const logRatioConst = Math.log(s2 / s1);
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < z.length; i += 1) {
    const x = m1 + s1 * z[i];
    const a = (x - m1) / s1;
    const b = (x - m2) / s2;
    const d = logRatioConst - 0.5 * a * a + 0.5 * b * b;
    sum += d;
    sumSquares += d * d;
  }
  const mean = sum / z.length;
  const stdErr = Math.sqrt(Math.max(0, sumSquares / z.length - mean * mean) / z.length);
  return Number.isFinite(stdErr) ? mean : Number.NaN;
}

/** Plain JavaScript: FIT_STEPS of Adam on the NLL of N(mu, e^{2l}) with analytic gradients (same as tfjs). */
function fitJs(samples: Float32Array): number {
  const theta = [-3, Math.log(0.5)];
  const m = [0, 0];
  const v = [0, 0];
  const [rate, beta1, beta2, epsilon] = [0.05, 0.9, 0.999, 1e-7];
  for (let step = 1; step <= FIT_STEPS; step += 1) {
    const [mu, logSd] = theta;
    const sd = Math.exp(logSd);
    let sumZ = 0;
    let sumZ2 = 0;
    for (let i = 0; i < samples.length; i += 1) {
      const z = (samples[i] - mu) / sd;
      sumZ += z;
      sumZ2 += z * z;
    }
    // d NLL / d mu = -mean(z) / sd;  d NLL / d log sd = 1 - mean(z^2).
    const gradient = [-sumZ / samples.length / sd, 1 - sumZ2 / samples.length];
    for (let k = 0; k < 2; k += 1) {
      m[k] = beta1 * m[k] + (1 - beta1) * gradient[k];
      v[k] = beta2 * v[k] + (1 - beta2) * gradient[k] * gradient[k];
      const mHat = m[k] / (1 - beta1 ** step);
      const vHat = v[k] / (1 - beta2 ** step);
      theta[k] -= (rate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }
  return theta[0];
}

/** Runs every task at every N on this page's backend (and the JS baseline when asked). */
const DEFAULT_SIZES = [1e4, 1e5, 1e6];

export const suite: BenchSuite = {
  name: 'kl',
  run: ({ runtime, repeats, includeJs, sizes }) => runKlBench(runtime, sizes ?? DEFAULT_SIZES, repeats, includeJs),
};

async function runKlBench(
  runtime: BenchContextRuntime,
  sizes: readonly number[],
  repeats: number,
  includeJs: boolean,
): Promise<BenchRow[]> {
  const { tf } = runtime;
  const backend = runtime.backend;
  const rows: BenchRow[] = [];
  for (const n of sizes) {
    const z = standardNormals(createRng(7), n);
    const mc = await time(async () => {
      const out = tf.tidy(() => {
        const x = tf.add(tf.mul(tf.tensor1d(z, 'float32'), P.stdDev), P.mean);
        const { value, stdErr } = meanAndStdErr(tf, tf.sub(gaussianLogPdf(tf, x, P.mean, P.stdDev), gaussianLogPdf(tf, x, Q.mean, Q.stdDev)));
        return tf.stack([value, stdErr]);
      });
      const data = await out.data();
      out.dispose();
      return data[0];
    }, repeats);
    rows.push({ backend, task: 'Monte-Carlo KL ± s.e.', n, repeats, ...mc });
    const fit = await time(async () => {
      const model = new GaussianNllFit(tf, z, { mean: -3, stdDev: 0.5 }, 0.05);
      const state = await model.step(FIT_STEPS);
      model.dispose();
      return state.mean;
    }, Math.max(2, Math.floor(repeats / 2)));
    rows.push({ backend, task: `NLL fit, ${FIT_STEPS} Adam steps`, n, repeats, ...fit });
    if (includeJs) {
      const js = await time(async () => monteCarloJs(z), repeats);
      rows.push({ backend: 'javascript', task: 'Monte-Carlo KL ± s.e.', n, repeats, ...js });
      const jsFit = await time(async () => fitJs(z), Math.max(2, Math.floor(repeats / 2)));
      rows.push({ backend: 'javascript', task: `NLL fit, ${FIT_STEPS} Adam steps`, n, repeats, ...jsFit });
    }
  }
  return rows;
}
