import { useMemo, useState } from 'preact/hooks';
import type { VaeState } from '../../src/training/vae';
import { toyData } from '../../src/math/toy-data';
import type { ToyDataName } from '../../src/math/toy-data';
import { gaussianMleMeanLogLikelihood2d } from '../../src/math/diag-gaussian';
import { dataDomain, latentPlot, reconstructionPlot, samplesPlot, vaeElboPlot } from '../../src/charts/vae';
import type { VaeElboRow } from '../../src/charts/vae';
import type { ChoiceSpec, IslandSpec } from '../../src/state/params';
import { ChoiceFields, IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { TrainingControls } from '../shared/TrainingControls';
import { useIsland } from '../shared/use-island';
import { useCompute } from '../shared/use-runtime';
import { useTraining } from '../shared/use-training';
import { formatValue } from '../derivation/StepResultView';

const DATA: ChoiceSpec<ToyDataName> = {
  name: 'data',
  label: 'data set',
  options: [{ value: 'ring', label: 'ring' }, { value: 'moons', label: 'two moons' }, { value: 'pinwheel', label: 'pinwheel' }],
  default: 'ring',
  // Links from before the data set was a word say vae.data=1.
  acceptIndex: true,
};
const LATENT: ChoiceSpec<'1' | '2'> = { name: 'dz', label: 'latent dimension', options: [{ value: '1', label: '1' }, { value: '2', label: '2' }], default: '2' };
const SPEC = {
  id: 'vae',
  choices: [DATA, LATENT],
  params: [
    { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.001, max: 0.03, step: 0.001, default: 0.01 },
    { name: 'hidden', label: 'hidden units per layer (two layers)', min: 4, max: 64, step: 4, default: 32 },
  ],
} as const satisfies IslandSpec;
const POINTS = 512;
const BATCH = 128;
const SEED = 1;
const MAX_EPOCHS = 1500;

/** A VAE trained live on 2-D toy data: latent codes, reconstructions, samples and the ELBO's two terms. */
export default function VaeIsland() {
  const island = useIsland(SPEC);
  const runtimeState = useCompute();
  const { rate, hidden } = island.params;
  const name = island.choices.data as ToyDataName;
  const dz = Number(island.choices.dz);
  const [rows, setRows] = useState<VaeElboRow[]>([]);
  const [current, setCurrent] = useState<VaeState | undefined>();
  const [diverged, setDiverged] = useState<number | undefined>();

  const data = useMemo(() => toyData(name, POINTS, SEED), [name]);
  const gaussianFit = useMemo(() => gaussianMleMeanLogLikelihood2d(data.points), [data]);
  const scheme = name === 'ring' ? 'sinebow' : 'turbo';
  const domain = useMemo(() => dataDomain(data.points), [data]);

  // Any setting (or Restart) starts a fresh network; one frame is one epoch of BATCH-point steps.
  const training = useTraining<VaeState>(island, {
    create: (run) => (runtimeState.status === 'ready'
      ? runtimeState.runtime.trainer<VaeState>('vae', { points: data.points, latentDim: dz, hidden: [hidden, hidden], learningRate: rate, batchSize: BATCH, seed: SEED + run.seedOffset })
      : undefined),
    deps: [runtimeState, data, dz, hidden, rate],
    initialSteps: 0,
    stepsPerFrame: POINTS / BATCH,
    onState: (s, initial) => {
      // Too large a learning rate can blow the weights up: stop, keep the last finite state on screen, say why.
      if (![s.elbo, ...s.decoderSd].every(Number.isFinite) || !s.samples.every(Number.isFinite)) {
        setDiverged(s.epoch);
        return false;
      }
      const row = { epoch: s.epoch, reconstruction: s.reconstruction, kl: s.kl, elbo: s.elbo };
      if (initial) setDiverged(undefined);
      setCurrent(s);
      setRows((old) => (initial ? [row] : [...old, row]));
      return s.epoch < MAX_EPOCHS;
    },
  });

  const ready = current !== undefined && current.latentMeans.length === POINTS * dz;
  const views = useMemo(() => (current && ready
    ? {
      latent: latentPlot(current.latentMeans, dz, data.feature, data.featureLabel, scheme),
      reconstruction: reconstructionPlot(data.points, current.reconstructions, data.feature, data.featureLabel, scheme, domain),
      samples: samplesPlot(data.points, current.samples, current.curve, domain),
    }
    : undefined), [current, data, dz, scheme, domain, ready]);
  const elboOptions = useMemo(() => (rows.length > 1 ? vaeElboPlot(rows, gaussianFit) : undefined), [rows, gaussianFit]);
  return (
    <IslandFrame work="train"
      island={island}
      runtimeState={runtimeState}
      ready={ready}
      messages={diverged === undefined ? [] : [`Training diverged at epoch ${diverged} (the ELBO is no longer finite); the last finite state is shown. Lower the learning rate and press Restart.`]}
      onReset={training.resetRun}
      actions={<TrainingControls island={island} training={training} enabled={runtimeState.status === 'ready' && diverged === undefined} stepLabel="Step (1 epoch)" />}
    >
      <ChoiceFields island={island} />
      <dl class="ld-readout" aria-live="off">
        <div><dt>epoch</dt><dd data-testid="vae-epoch">{current ? current.epoch : '…'}</dd></div>
        <div><dt>ELBO per point</dt><dd data-testid="vae-elbo">{current ? formatValue(current.elbo) : '…'}</dd></div>
        <div><dt>reconstruction term</dt><dd data-testid="vae-reconstruction">{current ? formatValue(current.reconstruction) : '…'}</dd></div>
        <div><dt>KL term</dt><dd data-testid="vae-kl">{current ? formatValue(current.kl) : '…'}</dd></div>
        <div><dt>decoder noise s</dt><dd data-testid="vae-decoder-sd">{current ? current.decoderSd.map((v) => formatValue(v)).join(', ') : '…'}</dd></div>
        <div><dt>best Gaussian: ln p(x) per point</dt><dd data-testid="vae-gaussian">{formatValue(gaussianFit)}</dd></div>
      </dl>
      <div class="ld-plot-grid">
        <PlotFigure
          options={views?.latent}
          description={`Encoder means of the ${POINTS} points in the ${dz}-dimensional latent space after ${current?.epoch ?? 0} epochs, coloured by ${data.featureLabel}.`}
          caption={dz === 2 ? 'Latent space: μ(x) of every point; +: the prior’s mean.' : 'Latent space: μ(x) of every point (x-axis) against where it lies on the shape.'}
        />
        <PlotFigure
          options={views?.reconstruction}
          description={`The ${DATA.options.find((o) => o.value === name)?.label ?? name} data in grey and their reconstructions f(μ(x)) in colour.`}
          caption="Data (grey) and reconstructions f(μ(x)), coloured like the latent codes."
        />
        <PlotFigure
          options={views?.samples}
          description={`The data in grey and 512 samples from the model in orange${dz === 1 ? ', with the decoder curve f(z) in blue' : ''}.`}
          caption={dz === 1 ? 'Samples from the model (orange): z ~ N(0, 1), x ~ N(f(z), s²). Blue: f(z) for z from −3 to 3.' : 'Samples from the model (orange): z ~ N(0, I), x ~ N(f(z), diag s²).'}
        />
      </div>
      {rows.length <= 1 ? <p class="ld-plot-empty">Press Start or Step: the ELBO per epoch appears here.</p> : null}
      <PlotFigure
        options={elboOptions}
        description={current
          ? `ELBO per point over ${current.epoch} epochs: now ${formatValue(current.elbo)} nats, the reconstruction term ${formatValue(current.reconstruction)} minus the KL term ${formatValue(current.kl)}; the best single Gaussian reaches ${formatValue(gaussianFit)}.`
          : 'Press Start to train; the plot shows the ELBO per epoch.'}
        caption="Per epoch, averaged over its minibatches: the ELBO (blue) is the reconstruction term (yellow) minus the KL term (red). Dashed: ln p(x) per point of the best single Gaussian."
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
