import { useMemo } from 'preact/hooks';
import {
  exactLogDensity, exactPosterior, logEvidence, meanFieldElbo, meanFieldLogDensity, posteriorVariances,
  runNormalGammaCavi, summarizeSample,
} from '../../src/math/normal-gamma';
import { gaussianSamples } from '../../src/math/random';
import { normalGammaPlot } from '../../src/charts/normal-gamma-plot';
import type { IslandSpec } from '../../src/state/params';
import { IslandFrame, ParamSliders } from '../shared/IslandFrame';
import { PlotFigure } from '../shared/PlotFigure';
import { useIsland } from '../shared/use-island';
import { useHydrated } from '../shared/use-hydrated';
import { formatValue } from '../derivation/StepResultView';

/** Prior mu | tau ~ N(0, 1/tau), tau ~ Gamma(2, 2); data from N(1, 0.8^2). */
const PRIOR = { mu0: 0, lambda0: 1, a0: 2, b0: 2 };
const TRUE_MEAN = 1;
const TRUE_STD_DEV = 0.8;
/** A deliberately poor first guess of E[tau], so the sweeps have somewhere to go. */
const INITIAL_TAU = 0.2;
const PARAMS = [
  { name: 'n', label: 'number of data points N', tex: 'N', min: 2, max: 200, step: 1, default: 8 },
  { name: 'sweeps', label: 'CAVI sweeps from E[τ] = 0.2', min: 1, max: 12, step: 1, default: 10 },
  { name: 'seed', label: 'seed', min: 1, max: 99, step: 1, default: 1 },
];

const SPEC = { id: 'normal-gamma', aliases: ['ng'], params: PARAMS } as const satisfies IslandSpec;

/** Mean-field VI for the unknown mean and precision of a Gaussian (Bishop 10.1.3), exact in float64 JavaScript. */
export default function NormalGammaMeanFieldIsland() {
  const hydrated = useHydrated();
  const island = useIsland(SPEC);
  const { n, sweeps, seed } = island.params;
  const data = useMemo(() => summarizeSample(gaussianSamples(seed, n, TRUE_MEAN, TRUE_STD_DEV)), [n, seed]);
  const post = useMemo(() => exactPosterior(data, PRIOR), [data]);
  const path = useMemo(() => runNormalGammaCavi(data, PRIOR, INITIAL_TAU, sweeps), [data, sweeps]);
  const q = path[path.length - 1];
  const logZ = logEvidence(data, PRIOR);
  const elbo = meanFieldElbo(q, data, PRIOR);
  const variances = posteriorVariances(post, q);
  const options = useMemo(() => {
    const muHalf = 4 * Math.sqrt(Math.max(variances.exactMu, variances.meanFieldMu));
    const tauCentre = post.a / post.b;
    const tauHalf = 4 * Math.sqrt(Math.max(variances.exactTau, variances.meanFieldTau));
    const exact = (mu: number, tau: number) => Math.exp(exactLogDensity(post, mu, tau));
    const peak = Math.exp(exactLogDensity(post, post.mu, (post.a - 0.5) / post.b));
    return normalGammaPlot({
      exact,
      meanField: (mu, tau) => Math.exp(meanFieldLogDensity(q, mu, tau)),
      muDomain: [post.mu - muHalf, post.mu + muHalf],
      tauDomain: [Math.max(0, tauCentre - tauHalf), tauCentre + tauHalf],
      thresholds: [0.1, 0.4, 0.8].map((f) => f * peak),
    });
  }, [post, q]);
  const row = (label: string, id: string, value: number) => (
    <div><dt>{label}</dt><dd data-testid={id}>{formatValue(value)}</dd></div>
  );
  return (
    <IslandFrame
      island={island}
      ready={hydrated}
      badgeDetail="closed forms"
    >
      <dl class="ld-readout" aria-live="polite">
        {row('ln p(X), exact', island.testId('log-evidence'), logZ)}
        {row(`ELBO after ${sweeps} sweep${sweeps === 1 ? '' : 's'}`, island.testId('elbo'), elbo)}
        {row('KL(q ‖ p(μ, τ | X)) = ln p(X) − ELBO', island.testId('kl'), logZ - elbo)}
        {row('Var(μ | X), exact', island.testId('var-mu-exact'), variances.exactMu)}
        {row('Var(μ) under q', island.testId('var-mu-q'), variances.meanFieldMu)}
        {row('Var(τ | X), exact', island.testId('var-tau-exact'), variances.exactTau)}
        {row('Var(τ) under q', island.testId('var-tau-q'), variances.meanFieldTau)}
      </dl>
      <PlotFigure
        options={options}
        description={`Contours of the exact posterior of the mean and precision given ${n} data points (solid, tilted: a larger precision pins the mean down more tightly) and of the mean-field approximation after ${sweeps} sweeps (dashed, axis-aligned). Posterior variance of the mean: ${formatValue(variances.exactMu)} exact, ${formatValue(variances.meanFieldMu)} under q.`}
        caption={`Solid blue: the exact posterior p(μ, τ | X), a Normal-Gamma whose spread in μ shrinks as τ grows. Dashed orange: q(μ) q(τ), which cannot represent that dependence. Contours at 10%, 40% and 80% of the exact posterior's peak.`}
      />
      <ParamSliders island={island} />
    </IslandFrame>
  );
}
