import { isNormalisable } from '../../src/math/polynomial-energy';
import type { QuarticFits } from '../../src/math/quartic-fits';
import { formatNumber } from '../../src/derivations/check';
import { formatValue } from '../derivation/StepResultView';

/** Three significant digits with a typographic minus, so a row of four fits a phone screen. */
export const formatCompact = (value: number): string => formatNumber(value, { digits: 3, trim: false, maxFixed: 1e4 });

/** One estimator's coefficients theta_1..theta_4, or a dash while not available. */
export interface ThetaRow {
  readonly label: string;
  readonly theta?: readonly number[];
  readonly testId: string;
}

/** The coefficients of ln q~(x) = theta_1 x + ... + theta_4 x^4 per estimator, one row each. */
export function ThetaTable({ rows, caption }: { readonly rows: readonly ThetaRow[]; readonly caption: string }) {
  return (
    <table class="ld-theta-table">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">estimate</th><th scope="col">θ₁</th><th scope="col">θ₂</th><th scope="col">θ₃</th><th scope="col">θ₄</th></tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} data-testid={row.testId}>
            <th scope="row">{row.label}</th>
            {[0, 1, 2, 3].map((k) => <td key={k}>{row.theta ? formatCompact(row.theta[k]!) : '…'}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Reader-facing notes on what the fits could not do: a singular system, theta_4 >= 0, no MLE. */
export function quarticNotices(fits: QuarticFits): string[] {
  const notes: string[] = [];
  if (fits.ismError) notes.push(fits.ismError);
  if (fits.ismTheta && !isNormalisable(fits.ismTheta)) {
    notes.push(`Score matching returned θ₄ = ${formatValue(fits.ismTheta[3]!)} ≥ 0: exp(θ₁x + … + θ₄x⁴) then has infinite integral, so this estimate is not a density and no ISM curve is drawn. Score matching never sees Z, so nothing in its objective stops this.`);
  }
  if (fits.mle?.boundary) {
    notes.push('Maximum likelihood has no maximiser with θ₄ < 0 for these data (their tails are too heavy for this family): the likelihood keeps rising as θ₄ → 0, and its iterates approach the Gaussian fit, which is shown as the MLE.');
  } else if (fits.mle && !fits.mle.converged) {
    notes.push('Newton’s method for the MLE stopped before converging; the MLE row shows its last iterate.');
  }
  return notes;
}
