import { useRef, useState } from 'preact/hooks';

interface DrawPadProps {
  /** Points already drawn, interleaved [x1, y1, ...], in data coordinates. */
  readonly points: Float32Array;
  /** The square [-extent, extent]^2 the pad covers. */
  readonly extent: number;
  readonly maxPoints: number;
  /** Called with the new point list at the end of each stroke (pointer up) or keyboard addition. */
  readonly onCommit: (points: Float32Array) => void;
  readonly testId: string;
}

/** Minimum distance between successive points of one stroke, in data units. */
const SPACING = 0.08;
const KEY_STEP = 0.1;

/** A square drawing surface: drag (mouse, pen, touch) to add points; arrows move a cursor, Enter adds a point. */
export function DrawPad({ points, extent, maxPoints, onCommit, testId }: DrawPadProps) {
  const [stroke, setStroke] = useState<number[] | undefined>();
  const [cursor, setCursor] = useState<[number, number]>([0, 0]);
  const svg = useRef<SVGSVGElement>(null);
  const all = stroke ? Float32Array.from([...points, ...stroke]) : points;
  const room = maxPoints - points.length / 2;

  const toData = (event: PointerEvent): [number, number] => {
    const box = svg.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.max(-extent, Math.min(extent, v));
    return [clamp(-extent + (2 * extent * (event.clientX - box.left)) / box.width), clamp(extent - (2 * extent * (event.clientY - box.top)) / box.height)];
  };
  const extend = (current: number[], [x, y]: [number, number]) => {
    const n = current.length;
    if (current.length / 2 >= room) return current;
    if (n >= 2 && Math.hypot(current[n - 2] - x, current[n - 1] - y) < SPACING) return current;
    return [...current, x, y];
  };
  const finish = () => {
    if (stroke && stroke.length > 0) onCommit(Float32Array.from([...points, ...stroke]));
    setStroke(undefined);
  };

  return (
    <svg
      ref={svg}
      class="ld-drawpad"
      viewBox={`${-extent} ${-extent} ${2 * extent} ${2 * extent}`}
      role="application"
      aria-label={`Drawing area, ${points.length / 2} points. Drag to draw points; or move the cursor with the arrow keys and press Enter to add a point.`}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={(event) => {
        (event.currentTarget as Element).setPointerCapture(event.pointerId);
        setStroke(extend([], toData(event)));
      }}
      onPointerMove={(event) => {
        if (stroke) setStroke(extend(stroke, toData(event)));
      }}
      onPointerUp={finish}
      onPointerCancel={finish}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 5 * KEY_STEP : KEY_STEP;
        const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
        const move = moves[event.key];
        if (move) {
          event.preventDefault();
          setCursor(([x, y]) => [Math.max(-extent, Math.min(extent, x + move[0])), Math.max(-extent, Math.min(extent, y + move[1]))]);
        } else if ((event.key === 'Enter' || event.key === ' ') && room > 0) {
          event.preventDefault();
          onCommit(Float32Array.from([...points, cursor[0], cursor[1]]));
        }
      }}
    >
      <rect x={-extent} y={-extent} width={2 * extent} height={2 * extent} class="ld-drawpad-back" />
      <line x1={-extent} x2={extent} y1={0} y2={0} class="ld-drawpad-axis" />
      <line x1={0} x2={0} y1={-extent} y2={extent} class="ld-drawpad-axis" />
      {Array.from({ length: all.length / 2 }, (_, i) => <circle key={i} cx={all[2 * i]} cy={-all[2 * i + 1]} r={0.05} class="ld-drawpad-point" />)}
      <path d={`M ${cursor[0] - 0.15} ${-cursor[1]} h 0.3 M ${cursor[0]} ${-cursor[1] - 0.15} v 0.3`} class="ld-drawpad-cursor" />
    </svg>
  );
}
