import { useMemo, useRef, useState } from 'preact/hooks';
import type { VaeState } from '../../src/training/vae';
import { TOY_DATA_NAMES, toyData } from '../../src/math/toy-data';
import { gaussianMleMeanLogLikelihood2d } from '../../src/math/diag-gaussian';
import { dataDomain, latentPlot, reconstructionPlot, samplesPlot, vaeElboPlot } from '../../src/charts/vae';
import type { VaeElboRow } from '../../src/charts/vae';
import type { ParamSpec } from '../../src/derivations/types';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useCompute } from '../shared/use-runtime';
import { useUrlState } from '../shared/use-url-state';
import { useVisible } from '../shared/use-visible';
import { useStepper } from '../shared/use-stepper';
import { formatValue } from '../derivation/StepResultView';

/** Choices shown as radio buttons; kept in the URL as numbers like the sliders. */
const CHOICES: readonly ParamSpec[] = [
  { name: 'data', label: 'data set', min: 0, max: TOY_DATA_NAMES.length - 1, step: 1, default: 0 },
  { name: 'dz', label: 'latent dimension', min: 1, max: 2, step: 1, default: 2 },
];
const SLIDERS: readonly ParamSpec[] = [
  { name: 'rate', label: 'learning rate (Adam)', tex: '\\eta', min: 0.001, max: 0.03, step: 0.001, default: 0.01 },
  { name: 'hidden', label: 'hidden units per layer (two layers)', min: 4, max: 64, step: 4, default: 32 },
];
const PARAMS = [...CHOICES, ...SLIDERS];
const DATA_LABELS = ['ring', 'two moons', 'pinwheel'];
const POINTS = 512;
const BATCH = 128;
const SEED = 1;
const MAX_EPOCHS = 1500;

/** A VAE trained live on 2-D toy data: latent codes, reconstructions, samples and the ELBO's two terms. */
export default function VaeIsland() {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const runtimeState = useCompute();
  const state = useUrlState('vae', PARAMS);
  const { data: dataIndex, dz, rate, hidden } = state.params;
  const [running, setRunning] = useState(false);
  const singleStep = useRef(false);
  const [rows, setRows] = useState<VaeElboRow[]>([]);
  const [current, setCurrent] = useState<VaeState | undefined>();
  const [diverged, setDiverged] = useState<number | undefined>();
  // Every Restart or Reset makes a new network (id); Restart also draws new initial weights (seedOffset).
  const [run, setRun] = useState({ id: 0, seedOffset: 0 });

  const name = TOY_DATA_NAMES[dataIndex]!;
  const data = useMemo(() => toyData(name, POINTS, SEED), [name]);
  const gaussianFit = useMemo(() => gaussianMleMeanLogLikelihood2d(data.points), [data]);
  const scheme = name === 'ring' ? 'sinebow' : 'turbo';
  const domain = useMemo(() => dataDomain(data.points), [data]);

  // Any setting (or Restart) starts a fresh network; one frame is one epoch of BATCH-point steps.
  useStepper<VaeState>({
    create: () => (runtimeState.status === 'ready'
      ? runtimeState.runtime.trainer<VaeState>('vae', { points: data.points, latentDim: dz, hidden: [hidden, hidden], learningRate: rate, batchSize: BATCH, seed: SEED + run.seedOffset })
      : undefined),
    deps: [runtimeState, data, dz, hidden, rate, run],
    initialSteps: 0,
    active: running && visible,
    stepsPerFrame: POINTS / BATCH,
    onState: (s, initial) => {
      // Too large a learning rate can blow the weights up: stop, keep the last finite state on screen, say why.
      if (![s.elbo, ...s.decoderSd].every(Number.isFinite) || !s.samples.every(Number.isFinite)) {
        setDiverged(s.epoch);
        setRunning(false);
        singleStep.current = false;
        return false;
      }
      const row = { epoch: s.epoch, reconstruction: s.reconstruction, kl: s.kl, elbo: s.elbo };
      if (initial) setDiverged(undefined);
      setCurrent(s);
      setRows((old) => (initial ? [row] : [...old, row]));
      const more = s.epoch < MAX_EPOCHS && !singleStep.current;
      singleStep.current = false;
      if (!more) setRunning(false);
      return more;
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
  const restartTraining = () => {
    setRunning(false);
    setRun((r) => ({ id: r.id + 1, seedOffset: r.seedOffset + 1 }));
  };
  const stepOnce = () => {
    singleStep.current = true;
    setRunning(true);
  };

  return (
    <IslandFrame
      name="vae"
      frameRef={ref}
      runtimeState={runtimeState}
      work="train"
      ready={ready}
      messages={diverged === undefined ? state.messages : [...state.messages, `Training diverged at epoch ${diverged} (the ELBO is no longer finite); the last finite state is shown. Lower the learning rate and press Restart.`]}
      onReset={() => { state.reset(); setRunning(false); setRun((r) => ({ id: r.id + 1, seedOffset: 0 })); }}
      actions={(
        <>
          <button type="button" onClick={() => setRunning(!running)} disabled={runtimeState.status !== 'ready' || diverged !== undefined} data-testid="vae-toggle">{running ? 'Pause' : 'Start'}</button>
          <button type="button" onClick={stepOnce} disabled={runtimeState.status !== 'ready' || running || diverged !== undefined} data-testid="vae-step">Step (1 epoch)</button>
          <button type="button" onClick={restartTraining} data-testid="vae-restart">Restart</button>
        </>
      )}
    >
      <div class="ld-controls ld-controls-two">
        {CHOICES.map((spec) => (
          <fieldset class="ld-unit-switch" key={spec.name}>
            <legend>{spec.label}</legend>
            {Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i).map((value) => (
              <label key={value}>
                <input type="radio" name={`vae-${spec.name}`} value={value} checked={state.params[spec.name] === value} onChange={() => state.setParam(spec.name, value)} />
                {' '}{spec.name === 'data' ? DATA_LABELS[value] : value}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
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
          description={`The ${DATA_LABELS[dataIndex]} data in grey and their reconstructions f(μ(x)) in colour.`}
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
      <ParamSliders specs={SLIDERS} values={state.params} idPrefix="vae" onInput={state.setParam} />
    </IslandFrame>
  );
}
