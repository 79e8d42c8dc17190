/**
 * Build-time check of the live derivations in MDX (a remark plugin, listed in astro.config.mjs).
 *
 * Without it, a typo in `<Derivation model="…">` or `<Step evaluator="…">` is found only in the
 * browser. This reads every `<Derivation>` / `<Step>` JSX element of a page and fails the build,
 * naming the file and line, when a page uses
 * - a model id that src/derivations/registry.ts does not register,
 * - an evaluator the model does not have,
 * - a relation that is not one of given|eq|eq-const|le|ge,
 * - a `given` step that is not first (or a first step that is not `given`),
 * - the same derivation id twice on one page (or one step id twice in a derivation),
 * - a `constantIn` parameter the model does not declare.
 *
 * The models' evaluator and parameter names come from the models themselves (model-manifest.ts,
 * loaded in Node through Vite's module runner: models import no tfjs at run time).
 */
import { statSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// Imported statically: astro.config.mjs loads this file in a module runner that closes after loading, so a dynamic import() here would fail later.
import { runnerImport } from 'vite';
import { RELATIONS } from '../derivations/types';
import type { ModelManifest } from './model-manifest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The few mdast / mdx-jsx node fields this check reads. */
interface Node {
  readonly type: string;
  readonly name?: string | null;
  readonly value?: unknown;
  readonly attributes?: readonly Attribute[];
  readonly children?: readonly Node[];
  readonly position?: { readonly start: { readonly line: number; readonly column: number } };
}

interface Attribute {
  readonly type: string;
  readonly name?: string;
  /** A string for name="…", null for a bare boolean attribute, an expression for name={…}. */
  readonly value?: string | null | { readonly type: string; readonly value: string };
}

export interface Problem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Local names the page imports Derivation.astro and Step.astro as (default: the file names). */
function componentNames(tree: Node): { derivation: Set<string>; step: Set<string> } {
  const derivation = new Set(['Derivation']);
  const step = new Set(['Step']);
  const visit = (node: Node) => {
    if (node.type === 'mdxjsEsm' && typeof node.value === 'string') {
      for (const m of node.value.matchAll(/import\s+(\w+)\s+from\s+['"][^'"]*\/(Derivation|Step)\.astro['"]/g)) {
        (m[2] === 'Derivation' ? derivation : step).add(m[1]);
      }
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return { derivation, step };
}

type AttrValue = { kind: 'absent' } | { kind: 'string'; value: string } | { kind: 'boolean' } | { kind: 'expression'; source: string };

function attr(node: Node, name: string): AttrValue {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  if (!a) return { kind: 'absent' };
  if (a.value === null || a.value === undefined) return { kind: 'boolean' };
  if (typeof a.value === 'string') return { kind: 'string', value: a.value };
  return { kind: 'expression', source: a.value.value };
}

/** `constantIn={["mu","sigma"]}`: the names, or undefined when the value is not a literal list of strings. */
function stringList(source: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(source.replace(/'/g, '"'));
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const list = (names: readonly string[]) => (names.length ? names.join(', ') : 'none');

/** Every problem with the derivations in one parsed MDX tree, in document order. */
export function checkDerivationTree(tree: Node, manifest: ModelManifest): Problem[] {
  const problems: Problem[] = [];
  const names = componentNames(tree);
  const seenIds = new Map<string, number>();
  const report = (node: Node, message: string) =>
    problems.push({ line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0, message });
  const isJsx = (node: Node) => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

  /** A literal string attribute, reporting it when missing or not a literal. */
  const literal = (node: Node, tag: string, name: string, required: boolean): string | undefined => {
    const a = attr(node, name);
    if (a.kind === 'string') return a.value;
    if (a.kind === 'absent') {
      if (required) report(node, `<${tag}> needs ${name}="…"`);
    } else report(node, `<${tag} ${name}>: write ${name}="…" as a literal string, so the build can check it`);
    return undefined;
  };

  const steps = (node: Node, into: Node[]) => {
    for (const child of node.children ?? []) {
      if (isJsx(child) && names.step.has(child.name ?? '')) into.push(child);
      else if (isJsx(child) && names.derivation.has(child.name ?? '')) report(child, '<Derivation> inside another <Derivation>');
      else steps(child, into);
    }
    return into;
  };

  const checkDerivation = (node: Node) => {
    const id = literal(node, 'Derivation', 'id', true);
    const modelId = literal(node, 'Derivation', 'model', true);
    const label = `<Derivation${id ? ` id="${id}"` : ''}>`;
    if (id !== undefined) {
      if (!/^[a-z][a-z0-9-]*$/.test(id)) report(node, `${label}: use lowercase letters, digits and dashes in the id`);
      const first = seenIds.get(id);
      if (first !== undefined) report(node, `${label}: duplicate derivation id on this page (first used on line ${first})`);
      else seenIds.set(id, node.position?.start.line ?? 0);
    }
    const model = modelId === undefined ? undefined : manifest[modelId];
    if (modelId !== undefined && !model) {
      report(node, `${label}: unknown model "${modelId}" (registered in src/derivations/registry.ts: ${list(Object.keys(manifest))})`);
    }
    const children = steps(node, []);
    if (children.length === 0) report(node, `${label}: has no <Step>`);
    const stepIds = new Set<string>();
    children.forEach((step, index) => {
      const evaluator = literal(step, 'Step', 'evaluator', true);
      const relation = literal(step, 'Step', 'relation', true);
      const where = `${label} step ${index + 1}${evaluator ? ` (evaluator "${evaluator}")` : ''}`;
      if (model && evaluator !== undefined && !model.evaluators.includes(evaluator)) {
        report(step, `${where}: model "${modelId}" has no evaluator "${evaluator}" (it has: ${list(model.evaluators)})`);
      }
      if (relation !== undefined) {
        if (!(RELATIONS as readonly string[]).includes(relation)) {
          report(step, `${where}: unknown relation "${relation}" (use one of ${RELATIONS.join('|')})`);
        } else if (index === 0 && relation !== 'given') {
          report(step, `${where}: the first step must be relation="given", not "${relation}"`);
        } else if (index > 0 && relation === 'given') {
          report(step, `${where}: only the first step can be relation="given"`);
        }
      }
      const stepId = literal(step, 'Step', 'id', false) ?? evaluator;
      if (stepId !== undefined) {
        if (stepIds.has(stepId)) report(step, `${where}: step id "${stepId}" appears twice in this derivation (give one an id="…")`);
        stepIds.add(stepId);
      }
      const constantIn = attr(step, 'constantIn');
      if (constantIn.kind !== 'absent') {
        const params = constantIn.kind === 'expression' ? stringList(constantIn.source) : undefined;
        if (!params) report(step, `${where}: write constantIn as a literal list of strings, e.g. constantIn={["mu","sigma"]}`);
        else if (model) {
          for (const p of params.filter((p) => !model.params.includes(p))) {
            report(step, `${where}: constantIn names "${p}", which model "${modelId}" does not declare (its parameters: ${list(model.params)})`);
          }
        }
        if (relation !== undefined && relation !== 'eq-const') report(step, `${where}: constantIn applies only to relation="eq-const"`);
      }
    });
  };

  const visit = (node: Node, inDerivation: boolean) => {
    if (isJsx(node) && names.derivation.has(node.name ?? '')) {
      checkDerivation(node);
      return;
    }
    if (isJsx(node) && names.step.has(node.name ?? '') && !inDerivation) report(node, '<Step> outside a <Derivation>');
    node.children?.forEach((child) => visit(child, inDerivation));
  };
  visit(tree, false);
  return problems;
}

/** One error for a page, every problem on its own line as file:line:column: message. */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  return [
    `${problems.length} derivation problem${problems.length === 1 ? '' : 's'} in ${file}:`,
    ...problems.map((p) => `  ${file}:${p.line}:${p.column}: ${p.message}`),
  ].join('\n');
}

// --- loading the models' facts in Node, reloaded when a file in src/derivations changes ---

let cached: { stamp: string; manifest: Promise<ModelManifest> } | undefined;

function derivationsStamp(): string {
  const dir = join(ROOT, 'src/derivations');
  return readdirSync(dir)
    .map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}`)
    .join('|');
}

export function loadManifest(): Promise<ModelManifest> {
  const stamp = derivationsStamp();
  if (!cached || cached.stamp !== stamp) {
    const manifest = runnerImport<{ MODEL_MANIFEST: ModelManifest }>(join(ROOT, 'src/build/model-manifest.ts'), {
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
    }).then(({ module }) => module.MODEL_MANIFEST);
    cached = { stamp, manifest };
  }
  return cached.manifest;
}

export interface CheckOptions {
  /** The models' facts; by default loaded from the registry. */
  readonly manifest?: ModelManifest;
}

/** The remark plugin: throws (failing `astro build`) when a page has derivation problems. */
export default function remarkCheckDerivations(options: CheckOptions = {}) {
  return async (tree: Node, file: { path?: string }) => {
    if (!file.path?.endsWith('.mdx')) return;
    const manifest = options.manifest ?? (await loadManifest());
    const problems = checkDerivationTree(tree, manifest);
    if (problems.length === 0) return;
    // line/column: @astrojs/mdx reports them as the error's Location.
    throw Object.assign(new Error(formatProblems(relative(process.cwd(), file.path), problems)), {
      line: problems[0].line,
      column: problems[0].column,
    });
  };
}
