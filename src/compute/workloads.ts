/**
 * The calibration workloads, one per class of work, each a short version of what the islands run:
 * - eval: a small closed-form evaluation (Gaussian log-densities and a KL on 1024 points, one readback);
 * - train: one Adam step of the DSM score network at batch 128 (src/training/dsm-training.ts);
 * - sample: one Langevin step of 1e4 particles with that network's score (tfjs-op update; on the
 *   synchronous cpu backend 1e3 particles, scaled by 10).
 * Each runs once to warm up (shader compilation, first allocation) and is then timed a few times
 * within a small budget. A backend already far slower than the best one so far is cut off at a
 * limit and recorded as "at least" that long, so a slow software adapter costs little time.
 * Every tensor is freed, also by a run that was cut off (it finishes in the background).
 */
import { DsmTrainer } from '../training/dsm-training';
import { learnedScore } from '../training/score-net';
import { langevinUpdate } from '../tensor/langevin-kernels';
import type { Tensor, Tf } from '../tensor/tf';
import type { Timing, WorkClass } from './choice';

/** Wall-clock milliseconds spent on timed runs after the warm-up. */
const TIMING_BUDGET_MS = 40;
const now = () => performance.now();

export interface WorkloadLimits {
  /** Give up (record "at least") when the warm-up takes longer than this. */
  readonly warmupMs: number;
  /** Give up when one timed run takes longer than this. */
  readonly runMs: number;
}

async function evalOnce(tf: Tf): Promise<void> {
  const out = tf.tidy(() => {
    const x = tf.linspace(-4, 4, 1024);
    const lp = tf.mul(tf.square(tf.div(tf.sub(x, 0.5), 1.3)), -0.5);
    const lq = tf.mul(tf.square(x), -0.5);
    const p = tf.exp(lp);
    return tf.stack([tf.sum(tf.mul(p, tf.sub(lp, lq))), tf.mean(lp), tf.max(lq)]);
  });
  await out.data();
  out.dispose();
}

function trainingData(): Float32Array {
  const data = new Float32Array(2 * 512);
  for (let i = 0; i < 512; i += 1) {
    const angle = (2 * Math.PI * i) / 512;
    data[2 * i] = 2 * Math.cos(angle);
    data[2 * i + 1] = 2 * Math.sin(angle);
  }
  return data;
}

const SIGMAS = [3, 1.5, 0.75, 0.3, 0.1];

interface Control {
  stopped: boolean;
  phase: 'warmup' | 'run';
  since: number;
}

/**
 * Times `run` after one warm-up call: the median of the runs that fit the budget. `control.stopped`
 * is set when the caller gave up; the run in flight then finishes, and nothing more is issued.
 */
async function timeIt(run: () => Promise<void>, control: Control): Promise<number> {
  control.phase = 'warmup';
  control.since = now();
  await run();
  const times: number[] = [];
  const start = now();
  while (!control.stopped && (times.length === 0 || (now() - start < TIMING_BUDGET_MS && times.length < 5))) {
    control.phase = 'run';
    control.since = now();
    await run();
    times.push(now() - control.since);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The tfjs cpu backend computes synchronously (no cut-off can interrupt it), and its cost is linear
 * in the number of particles: it samples 1e3 particles and the time is scaled to 1e4.
 */
const SYNC_SAMPLE_SCALE = 10;

async function runWorkload(tf: Tf, work: WorkClass, control: Control, synchronous: boolean): Promise<number> {
  if (work === 'eval') return timeIt(() => evalOnce(tf), control);
  const trainer = new DsmTrainer(tf, trainingData(), { sigmas: SIGMAS, batch: 128, learningRate: 0.003, hidden: 128, seed: 1 });
  try {
    if (work === 'train') {
      return await timeIt(async () => {
        const state = await trainer.step(1);
        if (!Number.isFinite(state.loss)) throw new Error(`the DSM step computed a loss of ${state.loss}`);
      }, control);
    }
    const weights = trainer.snapshot();
    const scale = synchronous ? SYNC_SAMPLE_SCALE : 1;
    let particles: Tensor = tf.randomUniform([10_000 / scale, 2], -4, 4, 'float32', 5);
    let step = 0;
    try {
      return scale * await timeIt(async () => {
        const next = tf.tidy(() => langevinUpdate(tf, particles, learnedScore(tf, weights, particles, 0.1), 1e-4, 3, step, { path: 'ops' }));
        particles.dispose();
        particles = next;
        step += 1;
        const probe = tf.tidy(() => tf.sum(tf.slice(particles, [0, 0], [8, 2])));
        const [value] = await probe.data();
        probe.dispose();
        if (!Number.isFinite(value)) throw new Error(`the Langevin step produced ${value}`);
      }, control);
    } finally {
      particles.dispose();
      weights.forEach((w) => w.dispose());
    }
  } finally {
    trainer.dispose();
  }
}

/**
 * The timing of one workload of `work` on the active backend: milliseconds, `{ atLeast }` when cut
 * off, or the failure's message. A cut-off run finishes (and frees its tensors) in the background;
 * `settled` resolves when it has, so the caller can wait before switching backends if it must.
 */
export async function timeWorkload(tf: Tf, work: WorkClass, limits: WorkloadLimits, synchronous = false): Promise<{ timing: Timing; settled: Promise<unknown> }> {
  const control: Control = { stopped: false, phase: 'warmup', since: now() };
  const running = runWorkload(tf, work, control, synchronous);
  const settled = running.catch(() => undefined);
  let timer: ReturnType<typeof setInterval> | undefined;
  const cutOff = new Promise<Timing>((resolve) => {
    timer = setInterval(() => {
      const limit = control.phase === 'warmup' ? limits.warmupMs : limits.runMs;
      if (now() - control.since > limit) resolve({ atLeast: limit });
    }, 5);
  });
  try {
    const timing = await Promise.race([running, cutOff]);
    if (typeof timing === 'object') control.stopped = true;
    return { timing, settled };
  } catch (error) {
    return { timing: error instanceof Error ? error.message : String(error), settled };
  } finally {
    clearInterval(timer);
  }
}
