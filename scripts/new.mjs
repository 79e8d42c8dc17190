#!/usr/bin/env node
// `npm run new -- chapter <slug>`            a chapter page in the sidebar, with a live derivation
//                                             backed by a new model <slug> (model, unit test, registry)
// `npm run new -- derivation <model-id>`      a derivation model, its unit test and its registry entry
// `npm run new -- island <name> --chapter <slug>`
//                                             a stand-alone island on that chapter: computation + test,
//                                             chart builder + snapshot, component + .astro wrapper, e2e spec
// `npm run new -- island <name> --chapter <slug> --training`
//                                             the same for a training island (a Stepper trainer, Start/Pause)
// `npm run new -- remove chapter|derivation|island <name>`   takes all of that out again
// A bad or taken name is refused with a message, and nothing is written. See scripts/lib/scaffold.mjs.
import { ROOT, applyPlan, applyRemoval, plan, planRemoval } from './lib/scaffold.mjs';
import { bin, childEnv, run } from './lib/browser.mjs';

const USAGE = `usage:
  npm run new -- chapter <slug>
  npm run new -- derivation <model-id>
  npm run new -- island <name> --chapter <slug> [--training]
  npm run new -- remove chapter|derivation|island <name>`;

const args = process.argv.slice(2);
const option = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const chapter = option('--chapter');
const training = args.includes('--training');
if (training) args.splice(args.indexOf('--training'), 1);
const [first, ...rest] = args;

function fail(problems, what = 'nothing written') {
  console.error(`npm run new: ${what}.\n${problems.map((p) => `  - ${p}`).join('\n')}\n\n${USAGE}`);
  process.exit(1);
}

if (!first || first === '--help' || first === '-h') {
  console.log(USAGE);
  process.exit(first ? 0 : 1);
}

if (first === 'remove') {
  const [kind, name] = rest;
  const removal = planRemoval(kind, name);
  if (removal.problems.length) fail(removal.problems, 'nothing removed');
  applyRemoval(removal);
  const { deletes, edits } = removal;
  console.log([...deletes.map((f) => `deleted ${f}`), ...Object.keys(edits).map((f) => `edited  ${f}`)].join('\n'));
  process.exit(0);
}

const [name, extra] = rest;
if (extra !== undefined) fail([`unexpected argument "${extra}"`]);
const planned = plan(first, name, { chapter, training });
if (planned.problems.length) fail(planned.problems);
applyPlan(planned);
const { writes, edits } = planned;
console.log([...Object.keys(writes).map((f) => `created ${f}`), ...Object.keys(edits).map((f) => `edited  ${f}`)].join('\n'));

if (first === 'island') {
  // The chart's golden snapshot is committed with the island: write it now (CI refuses to create one).
  const code = await run(bin('vitest'), ['run', `src/charts/${name}.test.ts`], { cwd: ROOT, env: childEnv({ CI: '' }) });
  if (code !== 0) process.exit(code);
}
const tests = Object.keys(writes).filter((f) => f.endsWith('.test.ts'));
console.log(`\nNext: npx vitest run ${tests.join(' ')}${first === 'island' ? ` && npx astro build && npx playwright test e2e/${name}.spec.ts` : ' && npx astro build'}`);
