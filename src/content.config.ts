import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// The chapters live in the top-level content/docs folder (the owner's layout), not in
// src/content/docs where Starlight's docsLoader looks. The glob loader's default ids are the
// slugified file paths without extension (content/docs/kl-divergence.mdx -> "kl-divergence",
// content/docs/index.mdx -> "index"), which is exactly what Starlight's sidebar `slug` entries
// and routes expect. Files starting with "_" are drafts and are skipped, as in docsLoader.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
