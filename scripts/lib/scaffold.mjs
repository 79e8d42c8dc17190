// The scaffold behind `npm run new`: plans every file to write and every edit to a shared file
// (sidebar, model registry, chapter page) before touching anything, so a refused name writes
// nothing. Templates are in scripts/templates/*/*.tmpl with {{name}}, {{camel}}, {{Pascal}},
// {{constant}}, {{title}} and {{chapter}} placeholders. plan*/apply* here; scripts/new.mjs is the CLI.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEMPLATES = path.join(ROOT, 'scripts', 'templates');
export const ISLAND_DIR = 'components/islands';

const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const names = (name) => {
  const words = name.split('-');
  const Pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return {
    name,
    Pascal,
    camel: Pascal[0].toLowerCase() + Pascal.slice(1),
    constant: words.join('_').toUpperCase(),
    title: words.map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(' '),
  };
};

/** A template with its placeholders filled in. */
export function render(template, vars) {
  const text = readFileSync(path.join(TEMPLATES, template), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in vars)) throw new Error(`template ${template}: no value for ${whole}`);
    return vars[key];
  });
}

const read = (root, file) => readFileSync(path.join(root, file), 'utf8');

// --- edits of shared files: each returns the new text, or throws with what to do by hand ---

const SIDEBAR = /(\{ label: 'Chapters', items: \[)([^\n]*?)(\] \})/;

export function addToSidebar(config, slug) {
  const match = SIDEBAR.exec(config);
  if (!match) throw new Error(`astro.config.mjs: no "{ label: 'Chapters', items: [...] }" line found; add { slug: '${slug}' } to the sidebar by hand`);
  return config.replace(SIDEBAR, (_, open, items, close) => `${open}${items}, { slug: '${slug}' }${close}`);
}

export function removeFromSidebar(config, slug) {
  return config.replace(SIDEBAR, (_, open, items, close) =>
    `${open}${items.replace(new RegExp(`,? ?\\{ slug: '${slug}' \\}`), '').replace(/^, /, '')}${close}`);
}

const registryLine = ({ name, camel }) => `  '${name}': () => (import('./${name}')).then((m) => erase(m.${camel}Model)),`;

export function addToRegistry(registry, vars) {
  const start = registry.indexOf('const MODEL_LOADERS');
  const end = start < 0 ? -1 : registry.indexOf('\n};', start);
  if (end < 0) throw new Error('src/derivations/registry.ts: MODEL_LOADERS not found; register the model by hand');
  return `${registry.slice(0, end)}\n${registryLine(vars)}${registry.slice(end)}`;
}

export function removeFromRegistry(registry, name) {
  return registry.split('\n').filter((line) => !line.startsWith(`  '${name}': () =>`)).join('\n');
}

/** The island's entry in the compute worker's registry (src/compute/registry.ts), marked for removal. */
export function addToComputeRegistry(registry, { name, camel, Pascal }, training) {
  const table = training ? 'export const TRAINERS' : 'export const CALLS';
  const start = registry.indexOf(table);
  const end = start < 0 ? -1 : registry.indexOf('\n};', start);
  if (end < 0) throw new Error(`src/compute/registry.ts: ${table} not found; register the island's computation by hand`);
  const line = training
    ? `  '${name}': { work: 'train', load: () => import('../derivations/${name}-trainer').then((m) => make((tf, args) => new m.${Pascal}Trainer(tf, ...(args as unknown as [never, never, never])))) }, // scaffold: island ${name}`
    : `  ${camel}Estimates: { work: 'eval', load: () => import('../derivations/${name}-estimates').then((m) => m.${camel}Estimates as AnyFunction) }, // scaffold: island ${name}`;
  return `${registry.slice(0, end)}\n${line}${registry.slice(end)}`;
}

export const removeFromComputeRegistry = (registry, name) =>
  registry.split('\n').filter((line) => !line.endsWith(`// scaffold: island ${name}`)).join('\n');

const islandBlock = ({ name, Pascal }, contract) => [
  `{/* scaffold: island ${name} (begin) */}`,
  contract ? `<Island><${Pascal} client:visible /></Island>` : `<${Pascal} />`,
  `{/* scaffold: island ${name} (end) */}`,
].join('\n');
const islandImport = ({ name, Pascal }, contract) => contract
  ? `import ${Pascal} from '../../${ISLAND_DIR}/${Pascal}Island'; // scaffold: island ${name}`
  : `import ${Pascal} from '../../${ISLAND_DIR}/${Pascal}.astro'; // scaffold: island ${name}`;
const SHARED_ISLAND_IMPORT = "import Island from '../../components/shared/Island.astro';";

/** The page with the island's import after its last import and the island at its end (`contract`: in the shared Island.astro). */
export function addIslandToPage(page, vars, contract = false) {
  const imports = [...page.matchAll(/^import .*$/gm)];
  if (imports.length === 0) throw new Error('the chapter page has no import line to add the island import after');
  const last = imports[imports.length - 1];
  const at = last.index + last[0].length;
  // The shared wrapper's import stays when the island is removed again: other islands may use it.
  const shared = contract && !/^import Island from /m.test(page) ? `\n${SHARED_ISLAND_IMPORT}` : '';
  return `${page.slice(0, at)}${shared}\n${islandImport(vars, contract)}${page.slice(at)}`.replace(/\n*$/, `\n\n${islandBlock(vars, contract)}\n`);
}

export function removeIslandFromPage(page, name) {
  return page
    .split('\n')
    .filter((line) => !line.endsWith(`// scaffold: island ${name}`))
    .join('\n')
    .replace(new RegExp(`\\n*\\{/\\* scaffold: island ${name} \\(begin\\) \\*/\\}[\\s\\S]*?\\{/\\* scaffold: island ${name} \\(end\\) \\*/\\}\\n?`), '\n');
}

// --- plans ---

/**
 * Whether the island contract (useIsland, IslandFrame taking the island, one shared Island.astro)
 * is in this tree: islands are then written on it, with no wrapper of their own.
 */
export const hasContract = (root = ROOT) => existsSync(path.join(root, 'components/shared/use-island.ts'));

/** The files `kind name` creates, by path (an island: the plain kind, or `training` with --training). */
function files(kind, vars, training = false, contract = false) {
  const { name, Pascal } = vars;
  if (kind === 'island' && contract) {
    const { [`${ISLAND_DIR}/${Pascal}.astro`]: _wrapper, ...rest } = files(kind, vars, training, false);
    return { ...rest, [`${ISLAND_DIR}/${Pascal}Island.tsx`]: training ? 'contract/TrainingIsland.tsx.tmpl' : 'contract/Island.tsx.tmpl' };
  }
  if (kind === 'chapter') return { [`content/docs/${name}.mdx`]: 'chapter/page.mdx.tmpl' };
  if (kind === 'derivation') {
    return {
      [`src/derivations/${name}.ts`]: 'derivation/model.ts.tmpl',
      [`src/derivations/${name}.test.ts`]: 'derivation/model.test.ts.tmpl',
    };
  }
  if (training) {
    return {
      [`src/derivations/${name}-trainer.ts`]: 'training/trainer.ts.tmpl',
      [`src/derivations/${name}-trainer.test.ts`]: 'training/trainer.test.ts.tmpl',
      [`src/charts/${name}.ts`]: 'training/chart.ts.tmpl',
      [`src/charts/${name}.test.ts`]: 'training/chart.test.ts.tmpl',
      [`${ISLAND_DIR}/${Pascal}Island.tsx`]: 'training/Island.tsx.tmpl',
      [`${ISLAND_DIR}/${Pascal}.astro`]: 'island/Island.astro.tmpl',
      [`e2e/${name}.spec.ts`]: 'training/island.spec.ts.tmpl',
    };
  }
  return {
    [`src/derivations/${name}-estimates.ts`]: 'island/estimates.ts.tmpl',
    [`src/derivations/${name}-estimates.test.ts`]: 'island/estimates.test.ts.tmpl',
    [`src/charts/${name}.ts`]: 'island/chart.ts.tmpl',
    [`src/charts/${name}.test.ts`]: 'island/chart.test.ts.tmpl',
    [`${ISLAND_DIR}/${Pascal}Island.tsx`]: 'island/Island.tsx.tmpl',
    [`${ISLAND_DIR}/${Pascal}.astro`]: 'island/Island.astro.tmpl',
    [`e2e/${name}.spec.ts`]: 'island/island.spec.ts.tmpl',
  };
}

/** The worked examples of content/docs/write-a-chapter.mdx: [kind, name, options]. */
export const GUIDE_EXAMPLES = [
  ['chapter', 'gaussian-variance', {}],
  ['island', 'sample-mean', { chapter: 'gaussian-variance' }],
  ['island', 'mean-fit', { chapter: 'gaussian-variance', training: true }],
];

/**
 * The files `kind name` would create, rendered, without any check (for the guide's test).
 * @param {string} kind
 * @param {string} name
 * @param {{ chapter?: string, training?: boolean, contract?: boolean }} [options]
 * @returns {Record<string, string>}
 */
export function preview(kind, name, { chapter, training = false, contract = hasContract() } = {}) {
  const vars = { ...names(name), chapter: chapter ?? name };
  const kinds = kind === 'chapter' ? ['chapter', 'derivation'] : [kind];
  return Object.fromEntries(kinds.flatMap((k) => Object.entries(files(k, vars, training, contract)).map(([file, template]) => [file, render(template, vars)])));
}

/** Whether an island called `name` already exists anywhere (data-island, URL prefix). */
function islandNameTaken(root, name) {
  const dirs = ['components'];
  while (dirs.length) {
    const dir = dirs.pop();
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) dirs.push(rel);
      else if (rel.endsWith('.tsx') && new RegExp(`name="${name}"|id: '${name}'`).test(read(root, rel))) return rel;
    }
  }
  return undefined;
}

/**
 * Everything `npm run new -- <kind> <name>` would do: { writes: {path: text}, edits: {path: text},
 * problems: string[] }. Nothing is written here; with problems, nothing must be.
 */
/**
 * @param {string} kind
 * @param {unknown} name
 * @param {{ chapter?: string, training?: boolean, root?: string }} [options]
 */
export function plan(kind, name, { chapter, training = false, root = ROOT } = {}) {
  const problems = [];
  const writes = {};
  const edits = {};
  if (!['chapter', 'derivation', 'island'].includes(kind)) {
    return { writes, edits, problems: [`unknown kind "${kind}": use chapter, derivation or island`] };
  }
  if (training && kind !== 'island') return { writes, edits, problems: ['--training applies only to an island'] };
  if (typeof name !== 'string' || !SLUG.test(name)) {
    return { writes, edits, problems: [`"${name ?? ''}" is not a lowercase slug: use lowercase letters and digits, words joined by single dashes (e.g. gaussian-variance)`] };
  }
  const vars = { ...names(name), chapter: chapter ?? name };
  const edit = (file, change) => {
    try {
      edits[file] = change(edits[file] ?? read(root, file));
    } catch (error) {
      problems.push(error.message);
    }
  };

  const kinds = kind === 'chapter' ? ['chapter', 'derivation'] : [kind];
  for (const k of kinds) {
    for (const [file, template] of Object.entries(files(k, vars, training, hasContract(root)))) {
      if (existsSync(path.join(root, file))) problems.push(`${file} already exists: "${name}" is taken`);
      else writes[file] = render(template, vars);
    }
  }
  if (kinds.includes('chapter')) {
    const config = read(root, 'astro.config.mjs');
    if (config.includes(`slug: '${name}'`)) problems.push(`the sidebar already has a page "${name}"`);
    else edit('astro.config.mjs', (text) => addToSidebar(text, name));
  }
  if (kinds.includes('derivation')) {
    const registry = read(root, 'src/derivations/registry.ts');
    if (registry.includes(`'${name}':`)) problems.push(`a derivation model "${name}" is already registered in src/derivations/registry.ts`);
    else edit('src/derivations/registry.ts', (text) => addToRegistry(text, vars));
  }
  if (kind === 'island') {
    const taken = islandNameTaken(root, name);
    if (taken) problems.push(`an island named "${name}" already exists (${taken})`);
    if (!chapter) problems.push('an island needs the chapter page it goes on: npm run new -- island <name> --chapter <slug>');
    else if (!existsSync(path.join(root, `content/docs/${chapter}.mdx`))) problems.push(`no chapter content/docs/${chapter}.mdx`);
    else edit(`content/docs/${chapter}.mdx`, (text) => addIslandToPage(text, vars, hasContract(root)));
  }
  if (kind === 'island' && hasContract(root) && existsSync(path.join(root, 'src/compute/registry.ts'))) {
    edit('src/compute/registry.ts', (text) => addToComputeRegistry(text, vars, training));
  }
  return { writes, edits, problems };
}

/**
 * What `npm run new -- remove <kind> <name>` does: files made by the scaffold for that name (only
 * those that exist) and the edits that take its lines out of the shared files.
 */
export function planRemoval(kind, name, { root = ROOT } = {}) {
  if (!['chapter', 'derivation', 'island'].includes(kind) || typeof name !== 'string' || !SLUG.test(name)) {
    return { deletes: [], edits: {}, problems: [`usage: npm run new -- remove chapter|derivation|island <name>`] };
  }
  if (kind === 'chapter' && existsSync(path.join(root, `content/docs/${name}.mdx`))) {
    // Islands scaffolded onto the page go with it (their e2e specs would test a missing page).
    const islands = [...read(root, `content/docs/${name}.mdx`).matchAll(/\/\/ scaffold: island ([a-z0-9-]+)$/gm)].map((m) => m[1]);
    const parts = [...islands.map((island) => planRemoval('island', island, { root })), planRemovalOf(kind, name, root)];
    const edits = Object.assign({}, ...parts.map((p) => p.edits));
    delete edits[`content/docs/${name}.mdx`];
    // Each island's removal edits the compute registry from the same text: chain them instead.
    if (islands.length && existsSync(path.join(root, 'src/compute/registry.ts'))) {
      const registry = read(root, 'src/compute/registry.ts');
      const next = islands.reduce((text, island) => removeFromComputeRegistry(text, island), registry);
      if (next !== registry) edits['src/compute/registry.ts'] = next;
    }
    return { deletes: parts.flatMap((p) => p.deletes), edits, problems: [] };
  }
  return planRemovalOf(kind, name, root);
}

function planRemovalOf(kind, name, root) {
  const vars = names(name);
  const kinds = kind === 'chapter' ? ['chapter', 'derivation'] : [kind];
  const deletes = [...new Set(kinds.flatMap((k) => [...Object.keys(files(k, vars)), ...Object.keys(files(k, vars, true))]))]
    .filter((file) => existsSync(path.join(root, file)));
  if (kind === 'island') {
    const golden = `src/charts/__snapshots__/${name}.svg`;
    if (existsSync(path.join(root, golden))) deletes.push(golden);
  }
  const edits = {};
  if (kinds.includes('chapter')) {
    const config = read(root, 'astro.config.mjs');
    const next = removeFromSidebar(config, name);
    if (next !== config) edits['astro.config.mjs'] = next;
  }
  if (kinds.includes('derivation')) {
    const registry = read(root, 'src/derivations/registry.ts');
    const next = removeFromRegistry(registry, name);
    if (next !== registry) edits['src/derivations/registry.ts'] = next;
  }
  if (kind === 'island' && existsSync(path.join(root, 'src/compute/registry.ts'))) {
    const registry = read(root, 'src/compute/registry.ts');
    const next = removeFromComputeRegistry(registry, name);
    if (next !== registry) edits['src/compute/registry.ts'] = next;
  }
  if (kind === 'island') {
    for (const page of readdirSync(path.join(root, 'content/docs')).filter((f) => f.endsWith('.mdx'))) {
      const file = `content/docs/${page}`;
      const text = read(root, file);
      const next = removeIslandFromPage(text, name);
      if (next !== text) edits[file] = next;
    }
  }
  const problems = deletes.length === 0 && Object.keys(edits).length === 0 ? [`nothing of ${kind} "${name}" found to remove`] : [];
  return { deletes, edits, problems };
}

/** Writes a plan's files and edits (only call it when the plan has no problems). */
export function applyPlan({ writes, edits }, root = ROOT) {
  for (const [file, text] of Object.entries({ ...writes, ...edits })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

/** Deletes a removal's files (and folders left empty, such as components/islands) and writes its edits. */
export function applyRemoval({ deletes, edits }, root = ROOT) {
  for (const file of deletes) {
    rmSync(path.join(root, file));
    const dir = path.dirname(path.join(root, file));
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  }
  applyPlan({ writes: {}, edits }, root);
}
