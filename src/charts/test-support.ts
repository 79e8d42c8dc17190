/**
 * Chart snapshot tests, in the manner of Observable Plot's own suite: a builder's options rendered
 * to SVG in Node (linkedom supplies the DOM), normalised (numbers rounded, generated ids renumbered,
 * one tag per line) and compared with a golden file committed in src/charts/__snapshots__/.
 *
 * On a difference the test fails with a line diff and writes `<name>-changed.svg` beside the
 * golden, to open in a browser. Accept the new pictures with one command:
 *
 *     npm run test:charts -- -u
 *
 * Imported only by *.test.ts files.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { expect } from 'vitest';

export const SNAPSHOT_DIR = fileURLToPath(new URL('./__snapshots__/', import.meta.url));

/** Digits kept after the decimal point: sub-pixel noise across platforms stays out of the diff. */
const DIGITS = 2;

/** Renders `options` as PlotFigure does (same style, 640 px wide unless the options say) and returns normalised markup. */
export function renderPlot(options: PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  stubCanvas(document as unknown as Document);
  const node = Plot.plot({
    width: 640,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ...options,
    document: document as unknown as Document,
  });
  return normalise((node as unknown as { outerHTML: string }).outerHTML);
}

/**
 * Plot.raster and colour-ramp legends paint a canvas and embed it as a PNG data URL; linkedom has
 * no canvas. This stub records what is painted (image data, and every other 2-D context call and
 * property set) and gives a data URL that is a hash of it, so a change in a raster's values or a
 * ramp's colours still changes the snapshot.
 */
function stubCanvas(document: Document): void {
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (tag.toLowerCase() !== 'canvas') return element;
    let hash = 0x811c9dc5; // FNV-1a, 32 bits, over everything painted
    const mix = (text: string | Uint8ClampedArray) => {
      for (let i = 0; i < text.length; i += 1) {
        const unit = typeof text === 'string' ? text.charCodeAt(i) : text[i]!;
        hash = Math.imul(hash ^ unit, 0x01000193) >>> 0;
      }
    };
    const methods: Record<string, (...args: unknown[]) => unknown> = {
      createImageData: (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * (w as number) * (h as number)) }),
      putImageData: (image) => mix((image as { data: Uint8ClampedArray }).data),
    };
    const context = new Proxy({} as Record<string, unknown>, {
      get: (_target, key: string) => methods[key] ?? ((...args: unknown[]) => mix(`${key}(${args.join(',')})`)),
      set: (_target, key: string, value) => {
        mix(`${key}=${String(value)}`);
        return true;
      },
    });
    return Object.assign(element, {
      getContext: () => context,
      toDataURL: () => `data:image/x-stub;fnv1a=${hash.toString(16)}`,
    });
  }) as Document['createElement'];
}

/** Rounds numbers, renumbers generated ids (plot-clip-3 …) in order of appearance, one tag per line. */
export function normalise(markup: string): string {
  const ids = new Map<string, string>();
  const renumber = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id)!;
  };
  return markup
    .replace(/\b(plot-[a-z]+-\d+)\b/g, (id) => renumber(id))
    .replace(/-?\d*\.\d+(?:e[-+]?\d+)?/gi, (n) => {
      const rounded = Number(Number(n).toFixed(DIGITS));
      return String(Object.is(rounded, -0) ? 0 : rounded);
    })
    .replace(/>\s*</g, '>\n<')
    .trim()
    .concat('\n');
}

/**
 * Compares the rendering of `options` with `__snapshots__/<name>.svg`. A missing golden is written
 * (except under CI=true, where it fails: goldens are committed); a difference writes
 * `<name>-changed.svg` and fails with the diff; `-u` accepts the new rendering.
 */
export async function expectChartSnapshot(name: string, options: PlotOptions): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`snapshot name "${name}": use lowercase letters, digits and dashes`);
  const svg = renderPlot(options);
  const golden = `${SNAPSHOT_DIR}${name}.svg`;
  const changed = `${SNAPSHOT_DIR}${name}-changed.svg`;
  try {
    await expect(svg).toMatchFileSnapshot(golden);
  } catch (error) {
    writeFileSync(changed, svg);
    throw Object.assign(error as Error, {
      message: `${(error as Error).message}\nchart "${name}" changed: open ${changed}; accept with npm run test:charts -- -u`,
    });
  }
  if (existsSync(changed)) rmSync(changed);
}
