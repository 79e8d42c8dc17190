import { readFileSync, readdirSync } from 'node:fs';
import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import remarkCheckDerivations from './check-derivations';
import { MODEL_MANIFEST } from './model-manifest';
import type { ModelManifest } from './model-manifest';

const manifest: ModelManifest = {
  'toy': { evaluators: ['exact', 'estimate', 'wrong'], params: ['mu', 'sigma'] },
};

/** Compiles `mdx` as the site does (remark-math, then the check); resolves to the error message, or '' when it passes. */
async function problems(mdx: string, path = 'content/docs/fixture.mdx'): Promise<string> {
  try {
    await compile({ value: mdx, path }, { remarkPlugins: [remarkMath, [remarkCheckDerivations, { manifest }]] });
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

const page = (body: string) => `import Derivation from '../../components/derivation/Derivation.astro';
import Step from '../../components/derivation/Step.astro';

${body}
`;

const GOOD = page(`<Derivation id="toy-mc" model="toy" title="A toy">
<Step evaluator="exact" relation="given">

$$
a = b
$$

</Step>
<Step evaluator="estimate" relation="eq-const" constantIn={["mu"]} label="sample mean">

$$
\\approx c
$$

</Step>
<Step evaluator="wrong" relation="eq" knownMistake>

$$
= d
$$

</Step>
</Derivation>`);

describe('build-time check of <Derivation> / <Step> in MDX', () => {
  it('passes a correct page', async () => {
    expect(await problems(GOOD)).toBe('');
  });

  it('names the file, the line and the misspelt evaluator, listing the ones the model has', async () => {
    const message = await problems(GOOD.replace('evaluator="estimate"', 'evaluator="estimat"'));
    expect(message).toContain('content/docs/fixture.mdx:12:1:');
    expect(message).toContain('model "toy" has no evaluator "estimat" (it has: exact, estimate, wrong)');
  });

  it('rejects an unregistered model id', async () => {
    const message = await problems(GOOD.replace('model="toy"', 'model="toys"'));
    expect(message).toMatch(/fixture\.mdx:4:1: .*unknown model "toys" \(registered in src\/derivations\/registry\.ts: toy\)/);
  });

  it('rejects a relation outside given|eq|eq-const|le|ge', async () => {
    expect(await problems(GOOD.replace('relation="eq" knownMistake', 'relation="approx" knownMistake'))).toMatch(
      /fixture\.mdx:19:1: .*unknown relation "approx" \(use one of given\|eq\|eq-const\|le\|ge\)/,
    );
  });

  it('rejects a given step that is not first, and a first step that is not given', async () => {
    expect(await problems(GOOD.replace('relation="eq" knownMistake', 'relation="given" knownMistake'))).toMatch(
      /fixture\.mdx:19:1: .*only the first step can be relation="given"/,
    );
    expect(await problems(GOOD.replace('relation="given"', 'relation="eq"'))).toMatch(
      /fixture\.mdx:5:1: .*the first step must be relation="given", not "eq"/,
    );
  });

  it('rejects a derivation id used twice on one page, naming the first line', async () => {
    const body = GOOD.slice(GOOD.indexOf('<Derivation'));
    const message = await problems(`${GOOD}\n${body}`);
    expect(message).toMatch(/fixture\.mdx:28:1: <Derivation id="toy-mc">: duplicate derivation id on this page \(first used on line 4\)/);
  });

  it('rejects a constantIn parameter the model does not declare, and a non-literal constantIn', async () => {
    expect(await problems(GOOD.replace('constantIn={["mu"]}', 'constantIn={["mu","tau"]}'))).toMatch(
      /fixture\.mdx:12:1: .*constantIn names "tau", which model "toy" does not declare \(its parameters: mu, sigma\)/,
    );
    expect(await problems(GOOD.replace('constantIn={["mu"]}', 'constantIn={names}'))).toContain('literal list of strings');
  });

  it('reports every problem of a page at once, and a step outside a derivation', async () => {
    const message = await problems(
      GOOD.replace('model="toy"', 'model="toy" id="x"').replace('evaluator="wrong"', 'evaluator="wrnog"') +
        '\n<Step evaluator="exact" relation="given">\n\n$$\nx\n$$\n\n</Step>\n',
    );
    expect(message).toMatch(/^1 derivation problems?|^\d+ derivation problems in content\/docs\/fixture\.mdx:/);
    expect(message).toContain('has no evaluator "wrnog"');
    expect(message).toContain('<Step> outside a <Derivation>');
  });

  it('ignores derivations shown as code (the guide shows MDX in fenced blocks)', async () => {
    expect(await problems('```mdx\n<Derivation id="a" model="nope">\n</Derivation>\n```\n')).toBe('');
  });

  it('reads the real models: every registered id with its evaluators and parameters', () => {
    expect(MODEL_MANIFEST['gaussian-kl-mc']).toEqual({
      evaluators: ['closedForm', 'expectation', 'monteCarlo'],
      params: ['mu1', 'sd1', 'mu2', 'sd2'],
    });
    for (const facts of Object.values(MODEL_MANIFEST)) expect(facts.evaluators.length).toBeGreaterThan(0);
  });

  it('passes every chapter in content/docs against the real models', async () => {
    const dir = new URL('../../content/docs/', import.meta.url);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const value = readFileSync(new URL(name, dir), 'utf8');
      await expect(
        compile({ value, path: `content/docs/${name}` }, { remarkPlugins: [remarkMath, [remarkCheckDerivations, { manifest: MODEL_MANIFEST }]] }),
      ).resolves.toBeDefined();
    }
  });
});
