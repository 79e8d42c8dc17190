import { useMemo } from 'preact/hooks';
import { sampleLabelledMixture, weightedComponentDensity } from '../../src/math/latent-mixture';
import { gridPoints } from '../../src/math/grid';
import { mixtureLogPdf } from '../../src/math/mixture';
import { createRng } from '../../src/math/random';
import { latentMixturePlot } from '../../src/charts/latent-mixture';
import type { DensityPoint, RugPoint } from '../../src/charts/latent-mixture';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useHydrated } from '../shared/use-hydrated';
import { useIsland } from '../shared/use-island';

const PARAMS = [
  { name: 'n', label: 'number of points n', min: 10, max: 300, step: 10, default: 60 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];
/** Three overlapping components, so that the observer cannot always tell z from x. */
const MIXTURE = { weights: [0.35, 0.4, 0.25], means: [-2.2, 0.4, 2.8], stdDevs: [0.8, 1, 0.6] };
const COMPONENTS = MIXTURE.weights.map((_, k) => `z = ${k + 1}`);
const GRID = gridPoints(-6.5, 6, 161);

const SPEC = {
  id: 'latent-mixture',
  aliases: ['latent'],
  params: PARAMS,
  choices: [{ name: 'z', label: 'latent labels', options: [{ value: 'shown', label: 'shown' }, { value: 'hidden', label: 'hidden' }], default: 'shown' }],
} as const satisfies IslandSpec;

/** A 1-D Gaussian mixture with its latent labels: shown as colours, or hidden as the observer has them. */
export default function LatentMixtureIsland() {
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const { n, seed } = island.params;
  const showLatent = island.choices.z === 'shown';
  const setShowLatent = (shown: boolean) => island.setChoice('z', shown ? 'shown' : 'hidden');
  const sample = useMemo(() => sampleLabelledMixture(seed, n, MIXTURE), [seed, n]);
  const points = useMemo((): RugPoint[] => {
    // Jitter only spreads the rug vertically so points do not hide each other; it carries no data.
    const jitter = createRng(seed + 1000);
    return sample.x.map((x, i) => ({ x, y: -0.02 - 0.07 * jitter(), component: COMPONENTS[sample.z[i]!]! }));
  }, [sample, seed]);
  const curves = useMemo((): DensityPoint[] => (showLatent
    ? COMPONENTS.flatMap((curve, k) => GRID.map((x) => ({ x, density: weightedComponentDensity(MIXTURE, k, x), curve })))
    : GRID.map((x) => ({ x, density: Math.exp(mixtureLogPdf(MIXTURE, x)), curve: 'p(x)' }))), [showLatent]);
  const options = useMemo(() => latentMixturePlot(points, curves, COMPONENTS, showLatent), [points, curves, showLatent]);
  const counts = COMPONENTS.map((_, k) => sample.z.filter((z) => z === k).length);
  return (
    <IslandFrame
      island={island}
      ready={hydrated}
      actions={(
        <label>
          <input type="checkbox" checked={showLatent} onChange={(e) => setShowLatent((e.currentTarget as HTMLInputElement).checked)} data-testid={island.testId('toggle')} />
          {' '}show the latent z
        </label>
      )}
    >
      <PlotFigure
        options={options}
        description={showLatent
          ? `${n} points drawn from a three-component Gaussian mixture, coloured by the component z that generated each (${counts.join(', ')} points), under the weighted component densities.`
          : `The same ${n} points without their labels, as the observer sees them, under the mixture density p(x).`}
        caption={showLatent
          ? 'Each point remembers which component z drew it. Curves: πₖ 𝒩(x; μₖ, σₖ²), one per component.'
          : 'What the observer has: the points alone. The curve is p(x) = Σₖ πₖ 𝒩(x; μₖ, σₖ²), the evidence for one point, with z summed out.'}
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
