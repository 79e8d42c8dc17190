// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkCheckDerivations from './src/build/check-derivations.ts'; // fails the build on a misnamed model, evaluator, relation … (file:line)

// Astro 7's default Markdown processor (Satteri) runs no remark/rehype plugins; the unified
// processor does, and @astrojs/mdx (pulled in by Starlight) inherits it for .mdx chapters.
const markdownProcessor = unified({
  remarkPlugins: [remarkMath, remarkCheckDerivations],
  rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true, output: 'htmlAndMathml' }]],
});

const FOCUSABLE_WIDE_EQUATIONS = `(() => {
  const mark = () => {
    for (const box of document.querySelectorAll('.katex-display')) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'group');
        box.setAttribute('aria-label', 'equation, scrolls sideways');
      } else if (!wide && box.getAttribute('tabindex') === '0') {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    }
  };
  // Islands fill in values beside equations after load, narrowing their column: watch each box.
  const start = () => {
    mark();
    if (!('ResizeObserver' in window)) return;
    let frame = 0;
    const observer = new ResizeObserver(() => { cancelAnimationFrame(frame); frame = requestAnimationFrame(mark); });
    for (const box of document.querySelectorAll('.katex-display')) observer.observe(box);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  window.addEventListener('load', mark);
})();`;

export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  markdown: { processor: markdownProcessor },
  integrations: [
    starlight({
      title: 'Live Derivations',
      description:
        'KL divergence, variational inference and score matching, with every derivation evaluated live in your browser.',
      customCss: ['katex/dist/katex.min.css', './src/styles/course.css'],
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
      ],
      components: {},
      pagefind: true,
      lastUpdated: false,
    }),
    preact(),
  ],
});
