// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// Astro 7's default Markdown processor (Satteri) runs no remark/rehype plugins; the unified
// processor does, and @astrojs/mdx (pulled in by Starlight) inherits it for .mdx chapters.
const markdownProcessor = unified({
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true, output: 'htmlAndMathml' }]],
});

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
        { label: 'Chapters', items: [{ slug: 'kl-divergence' }, { slug: 'variational-inference' }, { slug: 'score-matching' }, { slug: 'score-matching-practice' }] },
        { label: 'Contributing', items: [{ slug: 'write-a-chapter' }] },
      ],
      components: {},
      pagefind: true,
      lastUpdated: false,
    }),
    preact(),
  ],
});
