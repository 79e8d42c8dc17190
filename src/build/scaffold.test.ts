/**
 * `npm run new` (scripts/lib/scaffold.mjs): bad or taken names are refused before anything is
 * written, and generate-then-remove leaves a copy of the shared files exactly as it was. That the
 * generated code compiles, passes its tests, builds and passes its e2e spec was checked by running
 * it (see write-a-chapter.mdx, "Start from the scaffold"); here the planning is checked.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, applyPlan, applyRemoval, plan, planRemoval } from '../../scripts/lib/scaffold.mjs';

type Plan = { writes: Record<string, string>; edits: Record<string, string>; problems: string[] };
type Removal = { deletes: string[]; edits: Record<string, string>; problems: string[] };
const planOf = plan as (kind: string, name: unknown, options?: { chapter?: string; training?: boolean; root?: string }) => Plan;
const removalOf = planRemoval as (kind: string, name: string, options?: { root?: string }) => Removal;

/** A throw-away copy of the files the scaffold reads and edits. */
const sandbox = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
for (const part of ['astro.config.mjs', 'src/derivations/registry.ts', 'src/compute/registry.ts', 'content/docs', 'components']) {
  cpSync(path.join(ROOT, part), path.join(sandbox, part), { recursive: true });
}
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const read = (file: string) => readFileSync(path.join(sandbox, file), 'utf8');

describe('npm run new refuses, writing nothing', () => {
  it.each([['Demo'], ['demo_page'], ['-demo'], ['demo-'], ['two--dashes'], ['9lives'], [''], [undefined]])('the name %j (not a lowercase slug)', (name) => {
    const { problems } = planOf('chapter', name, { root: sandbox });
    expect(problems.join()).toContain('is not a lowercase slug');
  });

  it('a chapter, model or island name that is taken, and an island without its chapter', () => {
    expect(planOf('chapter', 'kl-divergence', { root: sandbox }).problems).toEqual([
      'content/docs/kl-divergence.mdx already exists: "kl-divergence" is taken',
      'the sidebar already has a page "kl-divergence"',
    ]);
    expect(planOf('derivation', 'gaussian-kl-mc', { root: sandbox }).problems.join('\n')).toContain('already registered in src/derivations/registry.ts');
    expect(planOf('island', 'mc-convergence', { chapter: 'kl-divergence', root: sandbox }).problems.join('\n')).toContain('an island named "mc-convergence" already exists (components/kl/McConvergenceIsland.tsx)');
    expect(planOf('island', 'fresh', { root: sandbox }).problems.join('\n')).toContain('--chapter <slug>');
    expect(planOf('island', 'fresh', { chapter: 'nope', root: sandbox }).problems).toEqual(['no chapter content/docs/nope.mdx']);
    expect(planOf('widget', 'fresh', { root: sandbox }).problems.join()).toContain('unknown kind');
    expect(planOf('derivation', 'fresh', { training: true, root: sandbox }).problems).toEqual(['--training applies only to an island']);
  });
});

describe('generate, then remove', () => {
  it('a chapter with a plain and a training island, and back to the files as they were', () => {
    const before = Object.fromEntries(['astro.config.mjs', 'src/derivations/registry.ts', 'src/compute/registry.ts', 'content/docs/kl-divergence.mdx'].map((f) => [f, read(f)]));
    const chapter = planOf('chapter', 'demo', { root: sandbox });
    expect(chapter.problems).toEqual([]);
    expect(Object.keys(chapter.writes)).toEqual(['content/docs/demo.mdx', 'src/derivations/demo.ts', 'src/derivations/demo.test.ts']);
    applyPlan(chapter, sandbox);
    expect(read('astro.config.mjs')).toContain("{ slug: 'diffusion' }, { slug: 'demo' }] }");
    expect(read('src/derivations/registry.ts')).toContain("  'demo': () => (import('./demo')).then((m) => erase(m.demoModel)),\n};");
    expect(read('src/derivations/demo.ts')).toContain("export const demoModel: DerivationModel<Data> = {\n  id: 'demo',");

    const island = planOf('island', 'demo-mean', { chapter: 'demo', root: sandbox });
    expect(island.problems).toEqual([]);
    applyPlan(island, sandbox);
    const training = planOf('island', 'demo-fit', { chapter: 'demo', training: true, root: sandbox });
    applyPlan(training, sandbox);
    expect(Object.keys(training.writes)).toContain('src/derivations/demo-fit-trainer.ts');
    const page = read('content/docs/demo.mdx');
    expect(page).toContain("import DemoMean from '../../components/islands/DemoMeanIsland'; // scaffold: island demo-mean");
    expect(page).toContain('<Island><DemoFit client:visible /></Island>');
    expect(read('components/islands/DemoFitIsland.tsx')).toContain("id: 'demo-fit'");
    expect(read('e2e/demo-mean.spec.ts')).toContain("const CHAPTER = '/demo/';");
    // Taken now:
    expect(planOf('island', 'demo-mean', { chapter: 'demo', root: sandbox }).problems.length).toBeGreaterThan(0);

    const removal = removalOf('chapter', 'demo', { root: sandbox });
    expect(removal.problems).toEqual([]);
    applyRemoval(removal, sandbox);
    for (const file of [...Object.keys(chapter.writes), ...Object.keys(island.writes), ...Object.keys(training.writes)]) {
      expect(existsSync(path.join(sandbox, file)), file).toBe(false);
    }
    expect(existsSync(path.join(sandbox, 'components/islands'))).toBe(false);
    for (const [file, text] of Object.entries(before)) expect(read(file), file).toBe(text);
    expect(removalOf('chapter', 'demo', { root: sandbox }).problems).toEqual(['nothing of chapter "demo" found to remove']);
  });

  it('one island off a page, leaving the rest of the page as it was', () => {
    const original = read('content/docs/kl-divergence.mdx');
    const island = planOf('island', 'extra', { chapter: 'kl-divergence', root: sandbox });
    applyPlan(island, sandbox);
    applyRemoval(removalOf('island', 'extra', { root: sandbox }), sandbox);
    expect(read('content/docs/kl-divergence.mdx')).toBe(original);
  });

  it('on the island contract (useIsland present): no wrapper of its own, the shared Island.astro in the page', () => {
    const original = read('content/docs/kl-divergence.mdx');
    const island = planOf('island', 'extra', { chapter: 'kl-divergence', root: sandbox });
    expect(Object.keys(island.writes)).not.toContain('components/islands/Extra.astro');
    expect(island.writes['components/islands/ExtraIsland.tsx']).toContain('useIsland(SPEC)');
    const page = island.edits['content/docs/kl-divergence.mdx']!;
    expect(page).toContain("import Island from '../../components/shared/Island.astro';");
    expect(page).toContain("import Extra from '../../components/islands/ExtraIsland'; // scaffold: island extra");
    expect(page).toContain('<Island><Extra client:visible /></Island>');
    applyPlan(island, sandbox);
    applyRemoval(removalOf('island', 'extra', { root: sandbox }), sandbox);
    // The page already imported the shared wrapper, so it is back exactly as it was.
    expect(read('content/docs/kl-divergence.mdx')).toBe(original);
  });
});
