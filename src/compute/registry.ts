/**
 * What the compute host can run by name: island computations (plain functions of `tf` and
 * serialisable arguments) and stateful trainers/samplers (objects with `step`, `dispose`, ...).
 * Each entry names its class of work, so the host runs it on the backend calibrated for that class,
 * and loads its module only when first used.
 */
import type { Tf } from '../tensor/tf';
import type { WorkClass } from './choice';

type AnyFunction = (tf: Tf, ...args: never[]) => unknown;

interface CallEntry {
  readonly work: WorkClass;
  readonly load: () => Promise<AnyFunction>;
}

/** Island computations: `compute.call(name, ...args)` runs `fn(tf, ...args)` in the worker. */
export const CALLS: Readonly<Record<string, CallEntry>> = {
  discreteSummary: { work: 'eval', load: () => import('../derivations/discrete-kl').then((m) => m.discreteSummary as AnyFunction) },
  convergenceSeries: { work: 'eval', load: () => import('../derivations/gaussian-kl-mc').then((m) => m.convergenceSeries as AnyFunction) },
  ismLandscape: { work: 'eval', load: () => import('../derivations/gaussian-ism-fit').then((m) => m.ismLandscape as AnyFunction) },
  klBothDirections: { work: 'eval', load: () => import('../training/reverse-kl-fit').then((m) => m.klBothDirections as AnyFunction) },
  projectionSeries: { work: 'eval', load: () => import('../training/ssm-projections').then((m) => m.projectionSeries as AnyFunction) },
  ismAutodiffCheck: { work: 'eval', load: () => import('../training/polynomial-ism').then((m) => m.ismAutodiffCheck as AnyFunction) },
  scoreField: { work: 'eval', load: () => import('../training/score-field').then((m) => m.scoreField as AnyFunction) },
  /** The bench page's suites (src/bench/suites.ts), timed where the islands compute. */
  runBench: { work: 'train', load: () => import('../bench/suites').then((m) => m.runSuites as AnyFunction) },
  langevinPath: { work: 'sample', load: () => import('../tensor/langevin-kernels').then((m) => m.langevinPath as AnyFunction) },
};

/** A stateful object living in the host; the island drives it through its handle. */
export interface HostedObject {
  step?(steps: number): Promise<unknown>;
  dispose(): void;
  [method: string]: unknown;
}

/** Looks up another hosted object by handle id (a sampler that starts from a trainer's weights). */
export type Lookup = (id: number) => HostedObject;

interface TrainerEntry {
  readonly work: WorkClass;
  readonly load: () => Promise<(tf: Tf, args: unknown[], lookup: Lookup) => HostedObject>;
}

const make = <T>(factory: (tf: Tf, args: never[], lookup: Lookup) => T) => factory as unknown as (tf: Tf, args: unknown[], lookup: Lookup) => HostedObject;

/** Trainers and samplers: `compute.trainer(name, ...args)` constructs `new Class(tf, ...args)` in the worker. */
export const TRAINERS: Readonly<Record<string, TrainerEntry>> = {
  vae: { work: 'train', load: () => import('../training/vae').then((m) => make((tf, args) => new m.Vae(tf, ...(args as unknown as [never])))) },
  dsm: {
    work: 'train',
    load: () => import('../training/dsm-training').then((m) => make((tf, args) => {
      const [data, options, fieldLevel] = args as unknown as [Float32Array, ConstructorParameters<typeof m.DsmTrainer>[2], number | undefined];
      const trainer = new m.DsmTrainer(tf, data, options);
      if (fieldLevel !== undefined) trainer.fieldLevel = fieldLevel;
      return trainer;
    })),
  },
  /** Annealed or plain Langevin with the learned score of the DSM trainer `trainerId` (a weight snapshot). */
  'dsm-sampler': {
    work: 'sample',
    load: () => Promise.all([import('../training/particle-langevin'), import('../training/score-net')]).then(([p, s]) => make((tf, args, lookup) => {
      const [trainerId, schedule, initial, options] = args as unknown as [number, ConstructorParameters<typeof p.ParticleLangevin>[2], Float32Array, { drawn: number; seed: number }];
      const source = lookup(trainerId) as unknown as { snapshot(): import('../training/score-net').ScoreNetWeights };
      const weights = source.snapshot();
      return new p.ParticleLangevin(tf, (x, sigma) => s.learnedScore(tf, weights, x, sigma), schedule, initial,
        { ...options, release: () => weights.forEach((w) => w.dispose()) });
    })),
  },
  'elbo-ascent': { work: 'train', load: () => import('../training/elbo-ascent').then((m) => make((tf, args) => new m.ElboAscent(tf, ...(args as unknown as [never, never, never])))) },
  'nll-fit': { work: 'train', load: () => import('../training/gaussian-nll-fit').then((m) => make((tf, args) => new m.GaussianNllFit(tf, ...(args as unknown as [never, never, never])))) },
  'polynomial-ism': { work: 'train', load: () => import('../training/polynomial-ism').then((m) => make((tf, args) => new m.PolynomialIsmDescent(tf, ...(args as unknown as [never, never, never])))) },
  'mlp-energy': { work: 'train', load: () => import('../training/mlp-energy-ism').then((m) => make((tf, args) => new m.MlpEnergyIsm(tf, ...(args as unknown as [never, never])))) },
  langevin: { work: 'sample', load: () => import('../training/annealed-langevin').then((m) => make((tf, args) => new m.LangevinSampler(tf, ...(args as unknown as [never, never, never, never, never])))) },
};
