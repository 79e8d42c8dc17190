/**
 * Drawn points in the URL, compactly: each coordinate is quantised to one of 4095 levels across
 * [-extent, extent] (a step of extent / 2047, about 0.002 on the score-network pad, far below a
 * drawn stroke's spacing) and a point's two 12-bit levels are packed into 3 bytes, which base64url
 * writes as exactly 4 characters. 300 points take 1,200 characters. Untrusted input: only the
 * base64url alphabet in whole 4-character groups is accepted, never echoed into HTML.
 */
import type { PointsSpec } from './params';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HALF = 2047;

function level(value: number, extent: number): number {
  const clamped = Math.max(-extent, Math.min(extent, value));
  return Math.round((clamped / extent) * HALF) + HALF + 1; // 1 ... 4095
}

/** Encodes interleaved points [x1, y1, x2, y2, ...] as 4 base64url characters per point. */
export function encodePoints(points: ArrayLike<number>, extent: number): string {
  let text = '';
  for (let i = 0; i + 1 < points.length; i += 2) {
    const bits = (level(points[i], extent) << 12) | level(points[i + 1], extent);
    for (let shift = 18; shift >= 0; shift -= 6) text += ALPHABET[(bits >> shift) & 63];
  }
  return text;
}

/** Decodes `encodePoints`' text, or returns a reason (no raw text in it) when it is not valid. */
export function decodePoints(text: string, spec: Pick<PointsSpec, 'extent' | 'maxPoints'>): { points: Float32Array } | { error: string } {
  if (text.length % 4 !== 0) return { error: 'it is not a whole number of points' };
  const count = text.length / 4;
  if (count > spec.maxPoints) return { error: `it holds more than ${spec.maxPoints} points` };
  const points = new Float32Array(2 * count);
  for (let p = 0; p < count; p += 1) {
    let bits = 0;
    for (let c = 0; c < 4; c += 1) {
      const digit = ALPHABET.indexOf(text[4 * p + c]);
      if (digit < 0) return { error: 'it contains characters other than letters, digits, - and _' };
      bits = (bits << 6) | digit;
    }
    const levels = [bits >> 12, bits & 4095];
    if (levels.some((l) => l === 0)) return { error: 'a coordinate is out of range' };
    points[2 * p] = ((levels[0] - HALF - 1) / HALF) * spec.extent;
    points[2 * p + 1] = ((levels[1] - HALF - 1) / HALF) * spec.extent;
  }
  return { points };
}

/** The coordinates as the URL keeps them (what a reader who opens the link gets back). */
export function quantisePoints(points: ArrayLike<number>, extent: number): Float32Array {
  return Float32Array.from(points, (v) => ((level(v, extent) - HALF - 1) / HALF) * extent);
}
