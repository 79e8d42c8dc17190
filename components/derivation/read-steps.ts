import { RELATIONS } from '../../src/derivations/types';
import type { Relation, StepSpec } from '../../src/derivations/types';

/** Reads the steps that Step.astro rendered (data attributes) inside one derivation section. */
export function readStepsFromDom(section: Element): { steps: StepSpec[]; slots: Element[] } {
  const rows = Array.from(section.querySelectorAll('[data-step-evaluator]'));
  const steps = rows.map((row, index): StepSpec => {
    const relation = row.getAttribute('data-step-relation') as Relation;
    if (!RELATIONS.includes(relation)) throw new Error(`step ${index + 1}: unknown relation "${relation}"`);
    const constantIn = row.getAttribute('data-step-constant-in');
    return {
      id: row.getAttribute('data-step-id') ?? `step-${index + 1}`,
      evaluator: row.getAttribute('data-step-evaluator') ?? '',
      relation,
      knownMistake: row.hasAttribute('data-step-known-mistake'),
      constantIn: constantIn ? constantIn.split(',').filter(Boolean) : undefined,
    };
  });
  const slots = rows.map((row) => row.querySelector('[data-step-result]') ?? row);
  return { steps, slots };
}
