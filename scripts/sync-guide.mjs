#!/usr/bin/env node
// Rewrites the code blocks of content/docs/write-a-chapter.mdx that carry `title="<path>"` with
// what the scaffold now writes for the guide's names (whole files stay whole; an excerpt is re-cut
// between the same first and last lines). Run it after changing a template; src/build/guide.test.ts
// fails until the guide matches. Blocks whose file the scaffold no longer writes are listed, not touched.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, GUIDE_EXAMPLES, preview } from './lib/scaffold.mjs';

const file = path.join(ROOT, 'content/docs/write-a-chapter.mdx');
const scaffold = Object.assign({}, ...GUIDE_EXAMPLES.map(([kind, name, options]) => preview(kind, name, options)));
const stale = [];
const guide = readFileSync(file, 'utf8').replace(/^(```\w+ title="([^"]+)"\n)([\s\S]*?)^```$/gm, (whole, open, target, code) => {
  const written = scaffold[target];
  if (written === undefined) {
    stale.push(target);
    return whole;
  }
  const lines = code.replace(/\n$/, '').split('\n');
  const all = written.replace(/\n$/, '').split('\n');
  const [first, last] = [lines[0], lines[lines.length - 1]];
  const start = all.indexOf(first);
  const end = start < 0 ? -1 : all.indexOf(last, start);
  const isWhole = code.length >= written.length - 1 || start < 0 || end < 0;
  return `${open}${isWhole ? written : `${all.slice(start, end + 1).join('\n')}\n`}\`\`\``;
});
writeFileSync(file, guide);
console.log(stale.length ? `sync-guide: these blocks show files the scaffold no longer writes; edit them by hand:\n  ${stale.join('\n  ')}` : 'sync-guide: done');
