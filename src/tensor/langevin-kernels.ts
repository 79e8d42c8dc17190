/**
 * Fused WGSL kernels for Langevin dynamics, run through the tfjs WebGPU backend's
 * `runWebGPUProgram`, and the tfjs-op fallback with the same maths for webgl and cpu.
 *
 * With tfjs ops one step x' = x + (alpha/2) s(x) + sqrt(alpha) z costs a dozen dispatches for the
 * score, a CPU fill and upload of `tf.randomNormal`, and three more dispatches. Here:
 * - `langevinUpdate` does the update for a precomputed score (e.g. a network's) in one dispatch,
 *   drawing z on the GPU with Philox4x32-10 keyed by (seed, step / 4, element index);
 * - `mixtureLangevinSteps` also computes the exact score of a Gaussian mixture (up to 4 components,
 *   as uniforms) in the kernel, and runs several steps per dispatch, each particle in registers
 *   (one Philox call per four steps);
 * - `summariseOnDevice` reduces the particles to a histogram, a count below a threshold and
 *   shifted moments in two passes, so only bins + 5 floats are read back.
 * The Philox words are bit-for-bit those of src/math/philox.ts (the normals agree up to the GPU's
 * float32 log, cos and sin), and the
 * summary is that of src/math/particle-summary.ts, the references the tests compare with.
 *
 * `langevinPath(tf)` is the one place that chooses between the fused kernels and tfjs ops.
 */
import type { Tensor, Tf } from './tf';
import { summariseParticles, summariseParticlesFlat, summaryLength, unpackSummary } from '../math/particle-summary';
import { philoxNormal } from '../math/philox';
import type { ParticleSummary, SummaryLayout } from '../math/particle-summary';

/** "fused": one WGSL dispatch per update on WebGPU; "ops": tfjs ops and tf.randomNormal. */
export type LangevinPath = 'fused' | 'ops';

/** What the page says about a path, e.g. on the island. */
export const PATH_LABELS: Readonly<Record<LangevinPath, string>> = { fused: 'fused WGSL kernel', ops: 'tfjs ops' };

/** The most mixture components the fused score kernel takes (its constants are vec4 uniforms). */
export const MAX_FUSED_COMPONENTS = 4;

type TensorInfo = Pick<Tensor, 'dataId' | 'shape' | 'dtype'>;
type ProgramUniform = { type: 'float32' | 'int32' | 'uint32'; data: number[] }[];

/** The part of tfjs-backend-webgpu's WebGPUProgram (webgpu_program.d.ts, 4.22) these kernels use. */
interface WebGpuProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size?: boolean;
  uniforms?: string;
  getUserCode: () => string;
}

interface WebGpuBackend {
  runWebGPUProgram(program: WebGpuProgram, inputs: TensorInfo[], dtype: 'float32', uniforms?: ProgramUniform): TensorInfo;
}

function webGpuBackend(tf: Tf): WebGpuBackend | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  const backend = tf.backend() as unknown as Partial<WebGpuBackend>;
  return typeof backend.runWebGPUProgram === 'function' ? (backend as WebGpuBackend) : undefined;
}

/** WebGPU backends on which the kernels computed a wrong answer (see `verifyFusedKernels`). */
const failedBackends = new WeakSet<object>();
const verified = new WeakMap<object, Promise<boolean>>();

/**
 * The path Langevin updates take on this backend: fused kernels on WebGPU (unless they failed
 * `verifyFusedKernels` there), tfjs ops elsewhere. The one place that chooses.
 */
export function langevinPath(tf: Tf): LangevinPath {
  const backend = webGpuBackend(tf);
  return backend && !failedBackends.has(backend) ? 'fused' : 'ops';
}

/**
 * Runs the update and summary kernels once on 64 known particles and compares them with the
 * JavaScript references (a driver that miscompiles WGSL fails here, not in a figure). Cached per
 * backend; after a failure `langevinPath` says "ops". False when there is no WebGPU backend.
 */
export function verifyFusedKernels(tf: Tf): Promise<boolean> {
  const backend = webGpuBackend(tf);
  if (!backend) return Promise.resolve(false);
  let result = verified.get(backend);
  if (!result) {
    result = checkKernels(tf).catch(() => false).then((ok) => {
      if (!ok) failedBackends.add(backend);
      return ok;
    });
    verified.set(backend, result);
  }
  return result;
}

async function checkKernels(tf: Tf): Promise<boolean> {
  const n = 64;
  const start = Float32Array.from({ length: n }, (_, i) => (i - n / 2) / 8);
  const layout = { lower: -2, upper: 2, bins: 8, threshold: 0, centre: 0 };
  const x = tf.tensor1d(start);
  const score = tf.neg(x);
  const moved = langevinUpdate(tf, x, score, 0.5, 7, 3, { path: 'fused' });
  const reduced = summaryTensor(tf, x, layout);
  const [values, summary] = await Promise.all([moved.data(), reduced.data()]);
  [x, score, moved, reduced].forEach((t) => t.dispose());
  const expectedSummary = summariseParticlesFlat(start, layout);
  const stepOk = Array.from(values).every((v, i) => Math.abs(v - (start[i] * 0.75 + Math.SQRT1_2 * philoxNormal(7, 3, i))) < 5e-3);
  const summaryOk = Array.from(summary).every((v, k) => Math.abs(v - expectedSummary[k]) < 1e-3 * (1 + Math.abs(expectedSummary[k])));
  return stepOk && summaryOk;
}

function requireWebGpu(tf: Tf, what: string): WebGpuBackend {
  const backend = webGpuBackend(tf);
  if (!backend) throw new Error(`${what} needs the WebGPU backend; this page runs on ${tf.getBackend()} (use the tfjs-op path)`);
  return backend;
}

function run(tf: Tf, backend: WebGpuBackend, program: WebGpuProgram, inputs: Tensor[], uniforms: ProgramUniform): Tensor {
  return tf.engine().makeTensorFromTensorInfo(backend.runWebGPUProgram(program, inputs, 'float32', uniforms));
}

const ELEMENTWISE_WORKGROUP = 64;

function elementwise(shaderKey: string, variableNames: string[], outputShape: number[], uniforms: string, body: string): WebGpuProgram {
  const size = outputShape.reduce((a, b) => a * b, 1);
  return {
    variableNames,
    outputShape,
    shaderKey,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.ceil(size / ELEMENTWISE_WORKGROUP), 1, 1],
    workgroupSize: [ELEMENTWISE_WORKGROUP, 1, 1],
    size: true,
    uniforms,
    getUserCode: () => `${PHILOX_WGSL}\n${body}`,
  };
}

/**
 * Philox4x32-10 and Box–Muller in WGSL (u32 arithmetic wraps; the 32x32 -> 64-bit product is built
 * from 16-bit halves). Same convention as src/math/philox.ts: counter (index, step / 4, 0, 0), key (seed, 0).
 */
const PHILOX_WGSL = /* wgsl */ `
fn mulHiLo(a : u32, b : u32) -> vec2<u32> {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let middle = (loLo >> 16u) + (hiLo & 0xffffu) + loHi;
  return vec2<u32>(aHi * bHi + (hiLo >> 16u) + (middle >> 16u), a * b);
}

fn philox4x32(counter : vec4<u32>, key : vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var r = 0; r < 10; r++) {
    let p0 = mulHiLo(0xd2511f53u, c.x);
    let p1 = mulHiLo(0xcd9e8d57u, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return c;
}

// The normals of steps 4 block .. 4 block + 3 of element index: two Box–Muller pairs. Angles are
// taken in [-pi, pi), where WGSL bounds the error of cos and sin: cos(2 pi u) = -cos(2 pi (u - 1/2)).
fn philoxBlock(seed : u32, block : u32, index : u32) -> vec4<f32> {
  let w = philox4x32(vec4<u32>(index, block, 0u, 0u), vec2<u32>(seed, 0u));
  let u1 = (vec2<f32>(vec2<u32>(w.x, w.z) >> vec2<u32>(8u)) + 1.0) * 5.9604644775390625e-8;
  let angle = 6.283185307179586 * (vec2<f32>(vec2<u32>(w.y, w.w) >> vec2<u32>(8u)) * 5.9604644775390625e-8 - 0.5);
  let radius = -sqrt(-2.0 * log(u1));
  return vec4<f32>(radius.x * cos(angle.x), radius.x * sin(angle.x), radius.y * cos(angle.y), radius.y * sin(angle.y));
}

fn philoxNormal(seed : u32, step : u32, index : u32) -> f32 {
  return philoxBlock(seed, step >> 2u, index)[step & 3u];
}
`;

/** Seeds and counters are uint32 in the kernel; reject what would silently wrap. */
function checkCounter(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`The ${name} must be a whole number in [0, 2^32), got ${value}.`);
  }
  return value;
}

function checkStep(alpha: number, noiseScale: number): void {
  if (!(alpha >= 0) || !Number.isFinite(alpha) || !(noiseScale >= 0) || !Number.isFinite(noiseScale)) {
    throw new RangeError(`Need a finite step size alpha >= 0 and noise scale >= 0, got alpha ${alpha}, noise scale ${noiseScale}.`);
  }
}

export interface UpdateOptions {
  /** The factor of z; sqrt(alpha) unless given (0 makes the step deterministic, for tests). */
  readonly noiseScale?: number;
  /** Force a path (tests and benchmarks); by default `langevinPath(tf)`. */
  readonly path?: LangevinPath;
}

/** The seed handed to tf.randomNormal for (seed, step) on the tfjs-op path. */
export function opsNoiseSeed(seed: number, step: number): number {
  return seed * 1_000_003 + step + 1;
}

/** x + (alpha/2) score + noiseScale z with a given z, in tfjs ops: the maths of both paths. */
export function langevinUpdateOps(tf: Tf, x: Tensor, score: Tensor, alpha: number, noise: Tensor, noiseScale = Math.sqrt(alpha)): Tensor {
  return tf.tidy(() => tf.add(tf.add(x, tf.mul(score, alpha / 2)), tf.mul(noise, noiseScale)));
}

/**
 * One Langevin step x' = x + (alpha/2) score + sqrt(alpha) z for a precomputed score of x's shape
 * (any rank; every element gets its own normal draw, keyed by (seed, step, flat index)). Returns a
 * new tensor; the caller disposes x. Fused on WebGPU, tfjs ops and tf.randomNormal elsewhere.
 */
export function langevinUpdate(tf: Tf, x: Tensor, score: Tensor, alpha: number, seed: number, step: number, options: UpdateOptions = {}): Tensor {
  const noiseScale = options.noiseScale ?? Math.sqrt(alpha);
  checkStep(alpha, noiseScale);
  checkCounter('seed', seed);
  checkCounter('step', step);
  if (x.shape.join() !== score.shape.join()) throw new RangeError(`The score has shape [${score.shape}], the particles [${x.shape}].`);
  if ((options.path ?? langevinPath(tf)) === 'ops') {
    return tf.tidy(() => langevinUpdateOps(tf, x, score, alpha, tf.randomNormal(x.shape, 0, 1, 'float32', opsNoiseSeed(seed, step)), noiseScale));
  }
  const backend = requireWebGpu(tf, 'The fused Langevin update');
  const program = elementwise('ld_langevin_update', ['X', 'S'], [...x.shape], 'halfAlpha : f32, noiseScale : f32, seed : u32, step : u32,', `
fn main(index : i32) {
  if (index < uniforms.size) {
    let z = philoxNormal(uniforms.seed, uniforms.step, u32(index));
    setOutputAtIndex(index, X[index] + uniforms.halfAlpha * S[index] + uniforms.noiseScale * z);
  }
}`);
  return run(tf, backend, program, [x, score], [
    { type: 'float32', data: [alpha / 2] },
    { type: 'float32', data: [noiseScale] },
    { type: 'uint32', data: [seed] },
    { type: 'uint32', data: [step] },
  ]);
}

/** The score constants of a Gaussian mixture: grad ln p(x) = sum_k r_k(x) (m_k - x) inverseVar_k. */
export interface MixtureScoreConstants {
  readonly means: readonly number[];
  readonly inverseVar: readonly number[];
  /** ln w_k - ln(2 pi var_k) / 2. */
  readonly logNormaliser: readonly number[];
}

const pad4 = (values: readonly number[]) => [0, 1, 2, 3].map((k) => values[k] ?? 0);

/**
 * `steps` Langevin steps of 1-D particles x (shape [n]) under the exact score of a Gaussian mixture,
 * in one WebGPU dispatch; step j draws its noise with counter firstStep + j. WebGPU only: the
 * tfjs-op path computes the score with ops (src/training/annealed-langevin.ts).
 */
export function mixtureLangevinSteps(
  tf: Tf, x: Tensor, constants: MixtureScoreConstants, alpha: number, seed: number, firstStep: number, steps: number,
  noiseScale = Math.sqrt(alpha),
): Tensor {
  checkStep(alpha, noiseScale);
  checkCounter('seed', seed);
  checkCounter('step', firstStep + steps);
  const components = constants.means.length;
  if (x.rank !== 1) throw new RangeError(`The fused mixture kernel moves 1-D particles (shape [n]), got shape [${x.shape}].`);
  if (components < 1 || components > MAX_FUSED_COMPONENTS) throw new RangeError(`The fused mixture kernel takes 1 to ${MAX_FUSED_COMPONENTS} components, got ${components}.`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`Need a whole number of steps >= 1, got ${steps}.`);
  const backend = requireWebGpu(tf, 'The fused mixture Langevin kernel');
  const program = elementwise('ld_mixture_langevin', ['X'], [...x.shape],
    'halfAlpha : f32, noiseScale : f32, seed : u32, firstStep : u32, steps : i32, components : i32, means : vec4<f32>, inverseVar : vec4<f32>, logNormaliser : vec4<f32>,', `
fn mixtureScore(x : f32) -> f32 {
  var largest = -3.4028234663852886e38;
  for (var k = 0; k < uniforms.components; k++) {
    let c = uniforms.means[k] - x;
    largest = max(largest, uniforms.logNormaliser[k] - 0.5 * uniforms.inverseVar[k] * c * c);
  }
  var numerator = 0.0;
  var denominator = 0.0;
  for (var k = 0; k < uniforms.components; k++) {
    let c = uniforms.means[k] - x;
    let weight = exp(uniforms.logNormaliser[k] - 0.5 * uniforms.inverseVar[k] * c * c - largest);
    numerator += weight * c * uniforms.inverseVar[k];
    denominator += weight;
  }
  return numerator / denominator;
}

fn main(index : i32) {
  if (index < uniforms.size) {
    var x = X[index];
    var normals = vec4<f32>(0.0);
    for (var j = 0; j < uniforms.steps; j++) {
      let step = uniforms.firstStep + u32(j);
      if (j == 0 || (step & 3u) == 0u) {
        normals = philoxBlock(uniforms.seed, step >> 2u, u32(index));
      }
      x = x + uniforms.halfAlpha * mixtureScore(x) + uniforms.noiseScale * normals[step & 3u];
    }
    setOutputAtIndex(index, x);
  }
}`);
  return run(tf, backend, program, [x], [
    { type: 'float32', data: [alpha / 2] },
    { type: 'float32', data: [noiseScale] },
    { type: 'uint32', data: [seed] },
    { type: 'uint32', data: [firstStep] },
    { type: 'int32', data: [steps] },
    { type: 'int32', data: [components] },
    { type: 'float32', data: pad4(constants.means) },
    { type: 'float32', data: pad4(constants.inverseVar) },
    { type: 'float32', data: pad4(constants.logNormaliser) },
  ]);
}

const SUMMARY_WORKGROUP = 256;
/** Elements per workgroup in the first pass: 16 per thread, so few partial rows for the second. */
const SUMMARY_CHUNK = SUMMARY_WORKGROUP * 16;

/** Pass 1: each workgroup bins its chunk with workgroup atomics and tree-reduces the moments into one row. */
function summaryPartialProgram(groups: number, bins: number): WebGpuProgram {
  const width = bins + 5;
  const counters = bins + 3;
  return {
    variableNames: ['X'],
    outputShape: [groups, width],
    shaderKey: `ld_summary_partial_${bins}`,
    dispatchLayout: { x: [0, 1] },
    dispatch: [groups, 1, 1],
    workgroupSize: [SUMMARY_WORKGROUP, 1, 1],
    uniforms: 'lower : f32, scale : f32, threshold : f32, centre : f32, count : i32, chunk : i32,',
    getUserCode: () => `
var<workgroup> counters : array<atomic<u32>, ${counters}>;
var<workgroup> sums : array<f32, ${SUMMARY_WORKGROUP}>;
var<workgroup> squares : array<f32, ${SUMMARY_WORKGROUP}>;

fn main(index : i32) {
  let lane = i32(localId.x);
  let groupIndex = i32(workgroupId.y * numWorkgroups.x + workgroupId.x);
  for (var j = lane; j < ${counters}; j += ${SUMMARY_WORKGROUP}) {
    atomicStore(&counters[j], 0u);
  }
  workgroupBarrier();
  let start = groupIndex * uniforms.chunk;
  let end = min(start + uniforms.chunk, uniforms.count);
  var sum = 0.0;
  var sumSquares = 0.0;
  for (var i = start + lane; i < end; i += ${SUMMARY_WORKGROUP}) {
    let x = X[i];
    if (isnan(x) || isinf(x)) {
      continue;
    }
    let position = (x - uniforms.lower) * uniforms.scale;
    var bin = ${bins};
    if (position >= ${bins}.0) {
      bin = ${bins + 1};
    } else if (position >= 0.0) {
      bin = i32(floor(position));
    }
    atomicAdd(&counters[bin], 1u);
    if (x < uniforms.threshold) {
      atomicAdd(&counters[${bins + 2}], 1u);
    }
    let d = x - uniforms.centre;
    sum += d;
    sumSquares += d * d;
  }
  sums[lane] = sum;
  squares[lane] = sumSquares;
  workgroupBarrier();
  for (var stride = ${SUMMARY_WORKGROUP / 2}; stride > 0; stride /= 2) {
    if (lane < stride) {
      sums[lane] += sums[lane + stride];
      squares[lane] += squares[lane + stride];
    }
    workgroupBarrier();
  }
  let row = groupIndex * ${width};
  for (var j = lane; j < ${counters}; j += ${SUMMARY_WORKGROUP}) {
    setOutputAtIndex(row + j, f32(atomicLoad(&counters[j])));
  }
  if (lane == 0) {
    setOutputAtIndex(row + ${bins + 3}, sums[0]);
    setOutputAtIndex(row + ${bins + 4}, squares[0]);
  }
}`,
  };
}

/** Pass 2: one thread per summary entry adds up the partial rows. */
function summaryTotalProgram(width: number): WebGpuProgram {
  return {
    variableNames: ['P'],
    outputShape: [width],
    shaderKey: 'ld_summary_total',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(width / ELEMENTWISE_WORKGROUP), 1, 1],
    workgroupSize: [ELEMENTWISE_WORKGROUP, 1, 1],
    size: true,
    uniforms: 'groups : i32,',
    getUserCode: () => `
fn main(index : i32) {
  if (index < uniforms.size) {
    var total = 0.0;
    for (var g = 0; g < uniforms.groups; g++) {
      total += P[g * uniforms.size + index];
    }
    setOutputAtIndex(index, total);
  }
}`,
  };
}

function checkLayout(layout: SummaryLayout): void {
  const { lower, upper, bins, threshold, centre } = layout;
  if (!(upper > lower) || !Number.isFinite(lower) || !Number.isFinite(upper) || !Number.isFinite(threshold) || !Number.isFinite(centre)) {
    throw new RangeError(`Need finite lower < upper, threshold and centre, got [${lower}, ${upper}], ${threshold}, ${centre}.`);
  }
  if (!Number.isInteger(bins) || bins < 1 || bins > 1024) throw new RangeError(`Need 1 to 1024 bins, got ${bins}.`);
}

/**
 * The summary of 1-D particles x as a tensor of bins + 5 floats (layout of src/math/particle-summary.ts),
 * reduced on the GPU in two passes. WebGPU only; see `summariseOnDevice`.
 */
export function summaryTensor(tf: Tf, x: Tensor, layout: SummaryLayout): Tensor {
  checkLayout(layout);
  const backend = requireWebGpu(tf, 'The summary kernel');
  const count = x.size;
  if (count >= 2 ** 24) throw new RangeError(`Counts are float32: at most 2^24 particles, got ${count}.`);
  const groups = Math.max(1, Math.ceil(count / SUMMARY_CHUNK));
  const partial = run(tf, backend, summaryPartialProgram(groups, layout.bins), [x], [
    { type: 'float32', data: [layout.lower] },
    { type: 'float32', data: [layout.bins / (layout.upper - layout.lower)] },
    { type: 'float32', data: [layout.threshold] },
    { type: 'float32', data: [layout.centre] },
    { type: 'int32', data: [count] },
    { type: 'int32', data: [SUMMARY_CHUNK] },
  ]);
  const total = run(tf, backend, summaryTotalProgram(summaryLength(layout)), [partial], [{ type: 'int32', data: [groups] }]);
  partial.dispose();
  return total;
}

/**
 * The summary of 1-D particles: on the fused path reduced on the GPU and read back as bins + 5
 * floats; on the tfjs-op path every particle is read back and summarised in JavaScript.
 * `particles` is set only on the op path (it had to read them anyway).
 */
export async function summariseOnDevice(
  tf: Tf, x: Tensor, layout: SummaryLayout, path: LangevinPath = langevinPath(tf),
): Promise<{ summary: ParticleSummary; particles?: Float32Array }> {
  if (path === 'ops') {
    const particles = (await x.data()) as Float32Array;
    return { summary: summariseParticles(particles, layout), particles };
  }
  const reduced = summaryTensor(tf, x, layout);
  try {
    return { summary: unpackSummary(await reduced.data(), layout, x.size) };
  } finally {
    reduced.dispose();
  }
}
