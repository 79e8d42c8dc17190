/**
 * Observable Plot options for the evidence decomposition ln p(X) = ELBO(q) + KL(q || p(z|X)): a
 * stacked bar (ELBO, then the KL on top of it) that always ends on the ln p(X) rule, and below it
 * the Monte-Carlo ELBO with +-2 standard errors.
 */
import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';

export interface EvidenceParts {
  readonly logEvidence: number;
  readonly elbo: number;
  readonly kl: number;
  /** Monte-Carlo ELBO and its standard error, when the derivation has that step. */
  readonly elboMonteCarlo?: { readonly value: number; readonly stdErr: number };
}

const EXACT_ROW = 'exact';
const MC_ROW = 'Monte Carlo';

/** x range: the bars start at a left edge below the ELBO, and the rule at ln p(X) sits inside. */
export function evidenceDomain({ logEvidence, elbo, elboMonteCarlo }: EvidenceParts): [number, number] {
  const lowest = Math.min(elbo, elboMonteCarlo ? elboMonteCarlo.value - 2 * elboMonteCarlo.stdErr : elbo);
  const gap = logEvidence - lowest;
  const left = lowest - Math.max(1, 0.5 * gap);
  return [left, logEvidence + Math.max(0.5, 0.1 * (logEvidence - left))];
}

export function evidenceBarPlot(parts: EvidenceParts): PlotOptions {
  const { logEvidence, elbo, kl, elboMonteCarlo } = parts;
  const [left, right] = evidenceDomain(parts);
  const segments = [
    { row: EXACT_ROW, part: 'ELBO', x1: left, x2: elbo },
    { row: EXACT_ROW, part: 'KL(q ‖ p(z|X))', x1: elbo, x2: elbo + kl },
  ];
  const rows = elboMonteCarlo ? [EXACT_ROW, MC_ROW] : [EXACT_ROW];
  const mc = elboMonteCarlo ? [{ row: MC_ROW, x: elboMonteCarlo.value, x1: elboMonteCarlo.value - 2 * elboMonteCarlo.stdErr, x2: elboMonteCarlo.value + 2 * elboMonteCarlo.stdErr }] : [];
  return {
    height: 60 + 44 * rows.length,
    marginLeft: 96,
    marginRight: 16,
    x: { label: 'nats', domain: [left, right], grid: true },
    y: { label: null, domain: rows },
    color: { legend: true, domain: ['ELBO', 'KL(q ‖ p(z|X))'], range: ['#4269d0', '#efb118'] },
    marks: [
      Plot.barX(segments, { x1: 'x1', x2: 'x2', y: 'row', fill: 'part' }),
      Plot.ruleX([logEvidence], { stroke: 'currentColor', strokeWidth: 2 }),
      Plot.text([logEvidence], { x: (d: number) => d, frameAnchor: 'top', dy: -2, text: () => 'ln p(X)', textAnchor: 'end', dx: -4, fill: 'currentColor' }),
      Plot.ruleY(mc, { y: 'row', x1: 'x1', x2: 'x2', stroke: 'currentColor', strokeWidth: 2 }),
      Plot.dot(mc, { y: 'row', x: 'x', fill: '#4269d0', stroke: 'currentColor', r: 4 }),
    ],
  };
}
