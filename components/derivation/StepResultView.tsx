import type { StepResult } from '../../src/derivations/types';
import { formatNumber } from '../../src/derivations/check';

const RELATION_WORDS: Readonly<Record<string, string>> = {
  given: 'starting value',
  eq: 'equals the previous step',
  'eq-const': 'equals the previous step up to a constant',
  le: 'is at least the previous step',
  ge: 'is at most the previous step',
};

/** A value beside an equation: 5 significant digits, trailing zeros kept (the site's one formatter). */
export const formatValue = (value: number): string => formatNumber(value, { digits: 5, trim: false, minFixed: 1e-4, maxFixed: 1e6 });

/** The value and verdict printed beside one equation. */
export function StepResultView({ result, stale }: { readonly result?: StepResult; readonly stale: boolean }) {
  if (!result) return <span class="ld-step-pending">…</span>;
  const { estimate, check, step } = result;
  const holds = check.holds;
  const status = holds === null ? 'given' : step.knownMistake ? (check.coincident ? 'mistake-coincides' : holds ? 'mistake-missed' : 'mistake-caught') : holds ? 'holds' : 'fails';
  const mark = { given: '', holds: '✓', fails: '✗', 'mistake-caught': '✗', 'mistake-missed': '!', 'mistake-coincides': '=' }[status];
  const word = {
    given: 'start',
    holds: 'holds',
    fails: 'does not hold',
    'mistake-caught': 'known mistake, caught',
    'mistake-missed': 'known mistake NOT caught',
    'mistake-coincides': 'known mistake, equal to the truth here',
  }[status];
  return (
    <div
      class={`ld-step-result ld-${status}${stale ? ' ld-stale' : ''}`}
      data-step-id={step.id}
      data-holds={holds === null ? 'given' : String(holds)}
      data-expected={String(check.asExpected)}
      title={`${RELATION_WORDS[step.relation]}: ${check.detail}`}
    >
      <span class="ld-value" data-value={String(estimate.value)}>
        {formatValue(estimate.value)}
        {estimate.stdErr !== undefined ? <span class="ld-stderr"> ± {formatNumber(estimate.stdErr)}</span> : null}
      </span>
      <span class="ld-verdict">
        {mark ? <span aria-hidden="true">{mark} </span> : null}
        {word}
      </span>
      {holds !== null ? <span class="ld-detail">{check.detail}</span> : null}
    </div>
  );
}
