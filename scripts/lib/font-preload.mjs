// KaTeX's fonts are `font-display: block` (math set in a fallback font would be wrong, not just
// plain), and the browser finds them only once katex.css has loaded and a formula is laid out; when
// they arrive after the first paint, every line with inline math reflows (a layout shift). Pages
// with formulas preload the few fonts that nearly every first screen uses, so they arrive with the
// CSS. The hashed file names are only known after the build, hence a post-build step on dist/.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The KaTeX faces worth preloading: upright and italic text on every page with a formula, and the
 * two faces of big operators and tall delimiters (a sum, an integral, big parentheses) on the pages
 * that set them, by the classes KaTeX gives those boxes. The rest load on demand.
 */
export const PRELOADED_FONTS = [
  { face: 'KaTeX_Main-Regular', used: () => true },
  { face: 'KaTeX_Math-Italic', used: () => true },
  { face: 'KaTeX_Size1-Regular', used: (html) => html.includes('small-op') || html.includes('delimsizing size1') },
  { face: 'KaTeX_Size2-Regular', used: (html) => html.includes('large-op') || html.includes('delimsizing size2') },
];

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

/** Insert the preload links into every page of `dir` that has a formula; resolves to the count. */
export async function preloadKatexFonts(dir, base = '/') {
  const assets = await readdir(path.join(dir, '_astro'));
  const fonts = PRELOADED_FONTS.map(({ face, used }) => ({
    used,
    file: assets.find((f) => f.startsWith(`${face}.`) && f.endsWith('.woff2')),
  })).filter((font) => font.file);
  let count = 0;
  for (const file of await htmlFiles(dir)) {
    const html = await readFile(file, 'utf8');
    if (!html.includes('class="katex"') || html.includes('rel="preload" as="font"')) continue;
    const at = html.search(/<link rel="stylesheet"/);
    if (at < 0) continue;
    const links = fonts
      .filter(({ used }) => used(html))
      .map(({ file: font }) => `<link rel="preload" as="font" type="font/woff2" href="${base}_astro/${font}" crossorigin>`)
      .join('');
    await writeFile(file, html.slice(0, at) + links + html.slice(at));
    count += 1;
  }
  return count;
}

/** Astro integration running preloadKatexFonts after the build (list it before serviceWorker()). */
export function katexFontPreload() {
  let base = '/';
  return {
    name: 'live-derivations:katex-font-preload',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const count = await preloadKatexFonts(fileURLToPath(dir), base);
        logger.info(`KaTeX font preload added to ${count} pages`);
      },
    },
  };
}
