import { useEffect, useRef } from 'preact/hooks';
import type { PlotOptions } from '@observablehq/plot';

interface PlotFigureProps {
  /** Observable Plot options, built by a pure function in src/charts/. */
  readonly options: PlotOptions | undefined;
  /** A text alternative describing what the plot shows (read by screen readers). */
  readonly description: string;
  readonly caption?: string;
}

/** The only caller of Plot.plot: renders the options into an SVG, replacing the previous one. */
export function PlotFigure({ options, description, caption }: PlotFigureProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || !options) return undefined;
    let cancelled = false;
    let node: Element | undefined;
    import('@observablehq/plot').then((Plot) => {
      if (cancelled) return;
      const width = Math.max(280, Math.min(element.clientWidth || 640, 720));
      node = Plot.plot({ width, style: { background: 'transparent', color: 'currentColor', fontSize: '12px' }, ...options, ariaDescription: description });
      // The figure is one image with a text alternative; Plot's per-mark aria-labels sit on
      // role-less <g> elements, which ARIA prohibits (axe: aria-prohibited-attr).
      node.querySelectorAll('[aria-label]').forEach((child) => child.removeAttribute('aria-label'));
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', description);
      element.replaceChildren(node);
    });
    return () => {
      cancelled = true;
    };
  }, [options, description]);
  return (
    <figure class="ld-plot">
      <div ref={container} data-testid="plot" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
