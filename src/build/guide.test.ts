/**
 * The guide (content/docs/write-a-chapter.mdx) shows the scaffold's output: every code block with a
 * `title="<path>"` must be that file as `npm run new` writes it for the guide's names, whole or a
 * contiguous excerpt. Change a template and this fails until the guide shows the new code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_EXAMPLES, ROOT, addToRegistry, names, preview } from '../../scripts/lib/scaffold.mjs';

const guide = readFileSync(path.join(ROOT, 'content/docs/write-a-chapter.mdx'), 'utf8');
const blocks = [...guide.matchAll(/^```\w+ title="([^"]+)"\n([\s\S]*?)^```$/gm)].map((m) => ({ file: m[1]!, code: m[2]! }));

// What the scaffold writes for the names the guide uses (after a template change: node scripts/sync-guide.mjs).
const scaffold: Record<string, string> = Object.assign({}, ...GUIDE_EXAMPLES.map(([kind, name, options]) => preview(kind as string, name as string, options as object)));

describe('write-a-chapter.mdx shows what the scaffold writes', () => {
  it('has a worked example of a derivation, its test, a page, an island, a training island, a chart and their tests', () => {
    expect(blocks.map((b) => b.file)).toEqual(expect.arrayContaining([
      'src/derivations/gaussian-variance.ts',
      'src/derivations/gaussian-variance.test.ts',
      'content/docs/gaussian-variance.mdx',
      'src/derivations/sample-mean-estimates.ts',
      'src/derivations/sample-mean-estimates.test.ts',
      'components/islands/SampleMeanIsland.tsx',
      'e2e/sample-mean.spec.ts',
      'src/derivations/mean-fit-trainer.ts',
      'src/derivations/mean-fit-trainer.test.ts',
      'src/charts/sample-mean.ts',
      'src/charts/sample-mean.test.ts',
    ]));
  });

  it.each(blocks.map((b) => [b.file, b.code]))('%s', (file, code) => {
    expect(Object.keys(scaffold), `the guide shows ${file}, which the scaffold does not write`).toContain(file);
    const written = scaffold[file]!;
    if (code.length === written.length) expect(code, 'run node scripts/sync-guide.mjs').toBe(written);
    else expect(written, `the guide's excerpt of ${file} is not in the scaffold's output: run node scripts/sync-guide.mjs`).toContain(code);
  });

  it('shows the registry line the scaffold adds', () => {
    const registry = addToRegistry('const MODEL_LOADERS = {\n};', names('gaussian-variance'));
    const line = registry.split('\n')[1]!.trim();
    expect(guide).toContain(`\`\`\`ts\n${line}\n\`\`\``);
  });
});
