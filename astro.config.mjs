// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkCheckDerivations from './src/build/check-derivations.ts'; // fails the build on a misnamed model, evaluator, relation … (file:line)
import { katexFontPreload } from './scripts/lib/font-preload.mjs';
import { serviceWorker } from './scripts/lib/service-worker.mjs';

// Served from a sub-path (https://example.org/course/)? Build with SITE_BASE=/course/ (README:
// "Deploy"). Astro prefixes its own URLs; rehypeBaseLinks prefixes the chapters' root-relative links.
const base = `/${(process.env.SITE_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');

// Astro 7's default Markdown processor (Satteri) runs no remark/rehype plugins; the unified
// processor does, and @astrojs/mdx (pulled in by Starlight) inherits it for .mdx chapters.
const markdownProcessor = unified({
  remarkPlugins: [remarkMath, remarkCheckDerivations],
  rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true, output: 'htmlAndMathml' }], rehypeBaseLinks],
});

/** Root-relative href/src in Markdown links and MDX components (LinkCard) get the base prefix. */
function rehypeBaseLinks() {
  /** @param {unknown} url */
  const withBase = (url) =>
    typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.startsWith(base) ? base + url.slice(1) : url;
  /** @param {any} node a hast node (element, MDX JSX element, root, ...) */
  const visit = (node) => {
    if (node.type === 'element' && node.properties) {
      for (const key of ['href', 'src']) if (key in node.properties) node.properties[key] = withBase(node.properties[key]);
    } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      for (const attribute of node.attributes ?? []) if (attribute.name === 'href' || attribute.name === 'src') attribute.value = withBase(attribute.value);
    }
    node.children?.forEach(visit);
  };
  return (/** @type {any} */ tree) => {
    if (base !== '/') visit(tree);
  };
}

const FOCUSABLE_WIDE_EQUATIONS = `(() => {
  // Display equations and prose tables (Starlight lets a wide table scroll sideways, e.g. one
  // whose KaTeX cells are wider before the fonts arrive): a box that scrolls needs a keyboard stop.
  const SELECTOR = '.katex-display, .sl-markdown-content table';
  const mark = (box) => {
    const wide = box.scrollWidth > box.clientWidth + 1;
    // A table keeps its own role (it only needs the keyboard stop); an equation box becomes a named group.
    const table = box.tagName === 'TABLE';
    if (wide && !box.hasAttribute('tabindex')) {
      box.setAttribute('tabindex', '0');
      if (!table) {
        box.setAttribute('role', 'group');
        box.setAttribute('aria-label', 'equation, scrolls sideways');
      }
    } else if (!wide && box.getAttribute('tabindex') === '0') {
      box.removeAttribute('tabindex');
      if (!table) {
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    }
  };
  // Only boxes that are rendered are measured: reading the width of an equation in an off-screen
  // (content-visibility: auto) section would force the layout the page skips. Such a box is
  // measured when its section comes near the viewport, and again whenever its width changes
  // (islands fill in values beside equations after load, narrowing their column).
  const pending = new Set();
  let frame = 0;
  const queue = (boxes) => {
    for (const box of boxes) pending.add(box);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      for (const box of pending) if (box.checkVisibility?.({ contentVisibilityAuto: true }) !== false) mark(box);
      pending.clear();
    });
  };
  const start = () => {
    const boxes = document.querySelectorAll(SELECTOR);
    if (!('ResizeObserver' in window)) return boxes.forEach(mark);
    const observer = new ResizeObserver((entries) => queue(entries.map((entry) => entry.target)));
    for (const box of boxes) observer.observe(box);
    document.addEventListener('contentvisibilityautostatechange', (event) => {
      if (!event.skipped && event.target instanceof Element) {
        queue(event.target.matches(SELECTOR) ? [event.target] : event.target.querySelectorAll(SELECTOR));
      }
    }, true);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();`;

export default defineConfig({
  site: 'http://localhost:4321',
  base,
  output: 'static',
  markdown: { processor: markdownProcessor },
  integrations: [
    starlight({
      title: 'Live Derivations',
      description:
        'KL divergence, variational inference and score matching, with every derivation evaluated live in your browser.',
      customCss: ['katex/dist/katex.min.css', './src/styles/course.css', './src/styles/pageload.css'],
      sidebar: [
        { label: 'Start here', items: [{ slug: 'index', label: 'Home' }, { slug: 'how-to-read' }] },
        { label: 'Chapters', items: [{ slug: 'kl-divergence' }, { slug: 'variational-inference' }, { slug: 'score-matching' }, { slug: 'score-matching-practice' }, { slug: 'diffusion' }] },
        { label: 'Contributing', items: [{ slug: 'write-a-chapter' }] },
      ],
      head: [
        // A display equation wider than its column scrolls inside its own box; a box that scrolls
        // must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable). Only the
        // boxes that actually overflow get a tab stop, re-checked when the width changes.
        { tag: 'script', content: FOCUSABLE_WIDE_EQUATIONS },
        // Installable: the manifest (and its icons) in public/, sw.js from serviceWorker() below.
        { tag: 'link', attrs: { rel: 'manifest', href: `${base}manifest.webmanifest` } },
        { tag: 'meta', attrs: { name: 'theme-color', content: '#3b3bd6' } },
      ],
      components: {},
      pagefind: true,
      lastUpdated: false,
    }),
    preact(),
    // Post-build steps on dist/, last and in this order: preload links for KaTeX's main fonts, then
    // sw.js precaching what everything before (Starlight's Pagefind index included) wrote.
    katexFontPreload(),
    serviceWorker(),
  ],
});
